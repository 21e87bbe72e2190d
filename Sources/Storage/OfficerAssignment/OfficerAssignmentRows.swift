import Database
import Domain
import OfficerAssignment

/// Row ↔ value mapping for tenures and assignments, kept apart from the queries.
enum OfficerAssignmentRows {
    static let tenureColumns = "id, staff_id, capacity, decree_number, starts_on, ends_on, version"
    static let assignmentColumns = """
        id, officer_id, decree_number, decree_date, effective_from, effective_until, signed_by, signed_capacity, \
        signed_under_tenure, created_at, revoked_at, revoked_by, revoked_in_capacity, revocation_reason, version
        """

    static func tenure(_ row: SQLRow) throws -> HeadOfOfficeTenure {
        HeadOfOfficeTenure(id: TenureID(rawValue: try row.string("id")),
                           staffID: StaffID(rawValue: try row.string("staff_id")),
                           capacity: try row.parsed("capacity", capacity),
                           decreeNumber: try row.parsed("decree_number") { try DecreeNumber($0) },
                           startsOn: try row.day("starts_on"), endsOn: try row.optionalDay("ends_on"),
                           version: try row.intValue("version"))
    }

    static func assignment(_ row: SQLRow) throws -> Assignment {
        var revocation: Revocation?
        if let revokedAt = try row.optionalInstant("revoked_at") {
            revocation = Revocation(revokedAt: revokedAt, revokedBy: StaffID(rawValue: try row.string("revoked_by")),
                                    revokedInCapacity: try row.parsed("revoked_in_capacity", capacity),
                                    reason: try row.optionalString("revocation_reason") ?? "")
        }
        return Assignment(id: AssignmentID(rawValue: try row.string("id")),
                          officerID: StaffID(rawValue: try row.string("officer_id")),
                          decreeNumber: try row.parsed("decree_number") { try DecreeNumber($0) },
                          decreeDate: try row.day("decree_date"), effectiveFrom: try row.day("effective_from"),
                          effectiveUntil: try row.optionalDay("effective_until"),
                          signedBy: StaffID(rawValue: try row.string("signed_by")),
                          signedCapacity: try row.parsed("signed_capacity", capacity),
                          signedUnderTenure: TenureID(rawValue: try row.string("signed_under_tenure")),
                          createdAt: try row.instant("created_at"), revocation: revocation,
                          version: try row.intValue("version"))
    }

    /// The columns after `id` of an assignment, in `assignmentColumns` order.
    static func assignmentValues(_ assignment: Assignment) -> [SQLValue] {
        [.text(assignment.officerID.rawValue), .text(assignment.decreeNumber.text), .day(assignment.decreeDate),
         .day(assignment.effectiveFrom), .day(assignment.effectiveUntil), .text(assignment.signedBy.rawValue),
         .text(assignment.signedCapacity.rawValue), .text(assignment.signedUnderTenure.rawValue),
         .instant(assignment.createdAt), .instant(assignment.revokedAt), .text(assignment.revokedBy?.rawValue),
         .text(assignment.revocation?.revokedInCapacity.rawValue), .text(assignment.revocationReason),
         .integer(Int64(assignment.version))]
    }

    private static func capacity(_ text: String) throws -> TenureCapacity {
        guard let capacity = TenureCapacity(rawValue: text) else {
            throw StoreError(.corruptData, "unknown tenure capacity '\(text)'")
        }
        return capacity
    }
}
