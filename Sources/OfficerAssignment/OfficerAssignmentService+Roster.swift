import Domain
import Foundation

extension OfficerAssignmentService {
    /// Checks that `staffID` is an active staff member holding an assignment active at this
    /// moment, and returns the proof that opening a consultation session requires.
    ///
    /// Throws `notServing` otherwise — including for administrators and the head of office,
    /// who serve only if they too hold an assignment. When several assignments are active the
    /// one that took effect most recently is named.
    public func proveServing(_ staffID: StaffID, in tx: some OfficerAssignmentTransaction) throws -> ServingOfficer {
        let moment = clock.moment()
        guard let staff = try tx.staff(id: staffID), staff.isActive else {
            throw OfficerAssignmentError(code: .notServing, message: "not an active staff member")
        }
        let active = try tx.assignments(forOfficer: staffID).filter {
            $0.status(at: moment.instant, in: clock.zone) == .active
        }
        guard let chosen = active.max(by: { ($0.effectiveFrom, $0.id) < ($1.effectiveFrom, $1.id) }) else {
            throw OfficerAssignmentError(code: .notServing,
                                         message: "no KLIPSO assignment is active for this staff member on \(moment.today)")
        }
        return ServingOfficer(officerID: staffID, assignmentID: chosen.id, checkedAt: moment.instant,
                              checkedOn: moment.today)
    }
}

extension OfficerAssignmentService {
    /// `proveServing` in a transaction of its own, for callers that only need the answer.
    /// Prefer the transaction form when opening a session, so check and use commit together.
    public func proveServing<Store: OfficerAssignmentStore>(_ staffID: StaffID, using store: Store) throws -> ServingOfficer {
        try store.transaction { tx in try proveServing(staffID, in: tx) }
    }

    /// `currentHead` in a transaction of its own.
    public func currentHead<Store: OfficerAssignmentStore>(using store: Store) throws -> HeadOfOfficeTenure? {
        try store.transaction { tx in try currentHead(in: tx) }
    }
}
