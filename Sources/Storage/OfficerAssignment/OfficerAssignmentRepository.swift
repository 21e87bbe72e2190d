import Database
import Domain
import Foundation
import OfficerAssignment

/// Tenures and assignments in SQL: the plain data access `OfficerAssignmentService` decides on,
/// plus the filtered, paginated lists the API serves.
///
/// Why it exists: the rules live in `OfficerAssignment`; this only stores and fetches. It takes
/// no lock itself — for rule-checked changes hand the ``StoreWriter`` to the service, which
/// serialises officer-assignment transactions first. In a ``StoreReader`` it is a read-only
/// `OfficerAssignmentTransaction` (e.g. for `service.currentHead(in:)`).
public struct OfficerAssignmentRepository: OfficerAssignmentTransaction {
    let connection: any SQLConnection
    static let assignmentListName = "assignments"

    public func staff(id: StaffID) throws -> Staff? {
        try StaffRepository(connection: connection).get(id: id)?.staff
    }

    /// Every tenure, earliest first.
    public func tenures() throws -> [HeadOfOfficeTenure] {
        try connection.query("SELECT \(OfficerAssignmentRows.tenureColumns) FROM head_of_office_tenures ORDER BY starts_on, id")
            .map(OfficerAssignmentRows.tenure)
    }

    public func tenure(id: TenureID) throws -> HeadOfOfficeTenure? {
        try connection.queryFirst("SELECT \(OfficerAssignmentRows.tenureColumns) FROM head_of_office_tenures WHERE id = ?",
                                  [.text(id.rawValue)]).map(OfficerAssignmentRows.tenure)
    }

    public func insertTenure(_ tenure: HeadOfOfficeTenure) throws {
        try mappingConflicts([("head_of_office_tenures", "id")]) {
            try connection.execute("""
                INSERT INTO head_of_office_tenures (\(OfficerAssignmentRows.tenureColumns)) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [.text(tenure.id.rawValue), .text(tenure.staffID.rawValue), .text(tenure.capacity.rawValue),
                      .text(tenure.decreeNumber.text), .day(tenure.startsOn), .day(tenure.endsOn),
                      .integer(Int64(tenure.version))])
        }
    }

    public func updateTenure(_ tenure: HeadOfOfficeTenure, expectedVersion: Int) throws -> Bool {
        try connection.execute("""
            UPDATE head_of_office_tenures SET staff_id = ?, capacity = ?, decree_number = ?, starts_on = ?, ends_on = ?,
                version = ? WHERE id = ? AND version = ?
            """, [.text(tenure.staffID.rawValue), .text(tenure.capacity.rawValue), .text(tenure.decreeNumber.text),
                  .day(tenure.startsOn), .day(tenure.endsOn), .integer(Int64(tenure.version)),
                  .text(tenure.id.rawValue), .integer(Int64(expectedVersion))]) == 1
    }

    public func assignment(id: AssignmentID) throws -> Assignment? {
        try connection.queryFirst("SELECT \(OfficerAssignmentRows.assignmentColumns) FROM assignments WHERE id = ?",
                                  [.text(id.rawValue)]).map(OfficerAssignmentRows.assignment)
    }

    public func assignments(forOfficer officerID: StaffID) throws -> [Assignment] {
        try connection.query("""
            SELECT \(OfficerAssignmentRows.assignmentColumns) FROM assignments WHERE officer_id = ? ORDER BY id
            """, [.text(officerID.rawValue)]).map(OfficerAssignmentRows.assignment)
    }

    public func insertAssignment(_ assignment: Assignment) throws {
        try mappingConflicts([("assignments", "id")]) {
            try connection.execute("""
                INSERT INTO assignments (\(OfficerAssignmentRows.assignmentColumns))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(assignment.id.rawValue)] + OfficerAssignmentRows.assignmentValues(assignment))
        }
    }

    public func updateAssignment(_ assignment: Assignment, expectedVersion: Int) throws -> Bool {
        try connection.execute("""
            UPDATE assignments SET officer_id = ?, decree_number = ?, decree_date = ?, effective_from = ?,
                effective_until = ?, signed_by = ?, signed_capacity = ?, signed_under_tenure = ?, created_at = ?,
                revoked_at = ?, revoked_by = ?, revoked_in_capacity = ?, revocation_reason = ?, version = ?
            WHERE id = ? AND version = ?
            """, OfficerAssignmentRows.assignmentValues(assignment)
                + [.text(assignment.id.rawValue), .integer(Int64(expectedVersion))]) == 1
    }

    /// Assignments in id (creation) order, optionally of one officer and in one status.
    /// Build `status` with `AssignmentStatusCriteria(status:at: clock.moment())`, so the
    /// definition of each status stays in `OfficerAssignment`.
    public func list(officerID: StaffID? = nil, status: AssignmentStatusCriteria? = nil,
                     _ page: PageRequest) throws -> Page<Assignment> {
        var query = SQLQuery("SELECT \(OfficerAssignmentRows.assignmentColumns) FROM assignments")
        if let officerID { query.where("officer_id = ?", .text(officerID.rawValue)) }
        if let status { Self.apply(status, to: &query) }
        if let after = try PageCursor.decode(page.cursor, list: Self.assignmentListName) {
            query.where("id > ?", .text(after))
        }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(OfficerAssignmentRows.assignment),
                               limit: page.limit, list: Self.assignmentListName) { $0.id.rawValue }
    }

    /// Translates each criterion literally, as its documentation states it.
    static func apply(_ criteria: AssignmentStatusCriteria, to query: inout SQLQuery) {
        if let bound = criteria.revokedAtOrBefore {
            query.where("revoked_at IS NOT NULL AND revoked_at <= ?", .instant(bound))
        }
        if let bound = criteria.notRevokedAsOf { query.where("revoked_at IS NULL OR revoked_at > ?", .instant(bound)) }
        if let bound = criteria.effectiveFromAfter { query.where("effective_from > ?", .day(bound)) }
        if let bound = criteria.effectiveFromOnOrBefore { query.where("effective_from <= ?", .day(bound)) }
        if let bound = criteria.effectiveUntilOpenOrOnOrAfter {
            query.where("effective_until IS NULL OR effective_until >= ?", .day(bound))
        }
        if let bound = criteria.effectiveUntilBefore {
            query.where("effective_until IS NOT NULL AND effective_until < ?", .day(bound))
        }
    }
}
