import Domain
import OfficerAssignment
import Storage
import Web

/// Who may work with applicants and visits at the front desk: the `front_office` role, or a
/// staff member serving as a KLIPSO officer (an assignment active at this moment).
///
/// Exists because "officer" is not a role flag: it follows from the assignment record, so the
/// check needs a database read and lives beside the handlers that need it, not in `Principal`.
enum ProcedureCaller {
    /// The caller as staff allowed to act at the front desk, or 401/403. The assignments are
    /// read only when the caller lacks the `front_office` role.
    static func require(_ context: RequestContext, _ services: APIServices) throws -> Staff {
        let staff = try context.requireStaff()
        if staff.mayAct(as: .frontOffice) { return staff }
        let serving = try services.store.read { reader in
            try isServing(staff, services, assignments: reader.officerAssignments)
        }
        guard serving else {
            throw HTTPError.forbidden("This operation needs the front_office role or an active KLIPSO assignment.")
        }
        return staff
    }

    /// Whether `staff` holds an assignment active now (a non-throwing `proveServing`).
    static func isServing(_ staff: Staff, _ services: APIServices,
                          assignments: some OfficerAssignmentTransaction) throws -> Bool {
        do {
            _ = try services.officers.proveServing(staff.id, in: assignments)
            return true
        } catch let error as OfficerAssignmentError where error.code == .notServing {
            return false
        }
    }
}

