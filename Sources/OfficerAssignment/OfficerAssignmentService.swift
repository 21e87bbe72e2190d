import Domain
import Foundation

/// The only code that decides who is head of office, who may appoint and revoke KLIPSO
/// officers, and who may serve.
///
/// Every operation runs against an `OfficerAssignmentTransaction` the caller opened, reads the
/// office clock once, checks its rules and writes. Mutations return an `AuditedChange`; the
/// caller persists its `audit` in the same transaction before committing.
///
/// Who may do what:
/// - tenures (`recordTenure`, `setTenureEnd`): an active staff member with the `admin` role —
///   the contract makes the tenure record an administrative fact; the admin cannot appoint;
/// - assignments (`appoint`, `revoke`): only the staff member whose tenure covers today in the
///   office's zone, whatever their roles; everyone else gets `notHeadOfOffice`;
/// - serving (`proveServing`): only an active staff member with an assignment active now.
public struct OfficerAssignmentService: Sendable {
    public let clock: OfficeClock
    public let ids: any IdentifierGenerating

    public init(clock: OfficeClock, ids: any IdentifierGenerating) {
        self.clock = clock
        self.ids = ids
    }

    /// The tenure covering `day`, if any.
    public func head(on day: LocalDate, in tx: some OfficerAssignmentTransaction) throws -> HeadOfOfficeTenure? {
        try tx.tenures().first { $0.covers(day) }
    }

    /// The tenure covering today in the office's zone, if any.
    public func currentHead(in tx: some OfficerAssignmentTransaction) throws -> HeadOfOfficeTenure? {
        try head(on: clock.today(), in: tx)
    }

    /// All tenures, earliest first.
    public func tenures(in tx: some OfficerAssignmentTransaction) throws -> [HeadOfOfficeTenure] {
        try tx.tenures().sorted { ($0.startsOn, $0.id) < ($1.startsOn, $1.id) }
    }

    /// The status of `assignment` now.
    public func status(of assignment: Assignment) -> AssignmentStatus {
        assignment.status(at: clock.now(), in: clock.zone)
    }

    /// The moment, the current tenure and a check that `actor` holds it.
    func requireHeadOfOffice(_ actor: StaffID, toDo action: String,
                             in tx: some OfficerAssignmentTransaction) throws -> (OfficeMoment, HeadOfOfficeTenure) {
        let moment = clock.moment()
        guard let tenure = try head(on: moment.today, in: tx), tenure.staffID == actor else {
            throw OfficerAssignmentError.notHeadOfOffice(on: moment.today, action: action)
        }
        return (moment, tenure)
    }

    /// Field problems with a staff reference: unknown or deactivated.
    func checkActiveStaff(_ id: StaffID, field: String, in tx: some OfficerAssignmentTransaction,
                          into problems: inout ValidationError) throws {
        guard let staff = try tx.staff(id: id) else {
            problems.add(field: field, code: "\(field).unknown", message: "no staff member has this id")
            return
        }
        if !staff.isActive {
            problems.add(field: field, code: "\(field).inactive", message: "the staff member is not active")
        }
    }
}

extension AuditAction {
    public static let tenureRecorded = AuditAction(rawValue: "tenure.recorded")
    public static let tenureUpdated = AuditAction(rawValue: "tenure.updated")
    public static let assignmentCreated = AuditAction(rawValue: "assignment.created")
    public static let assignmentRevoked = AuditAction(rawValue: "assignment.revoked")
}

extension OfficerAssignmentService {
    /// Audit resource type names used by this module.
    public static let tenureResourceType = "head_of_office_tenure"
    public static let assignmentResourceType = "assignment"
}
