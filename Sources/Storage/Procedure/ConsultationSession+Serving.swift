import Domain
import OfficerAssignment

/// The entry points that tie sessions to the proof of serving.
///
/// Why it exists: opening a session must be impossible without a `ServingOfficer`, which only
/// `OfficerAssignmentService.proveServing` can make. `Domain` cannot see that type (the
/// dependency points the other way), so the checked entry points live here, where both modules
/// meet. Changing and completing take the proof too, so a revoked officer cannot continue
/// (openapi notes 13); obtain it in the same store transaction (`proveServing(_:in: writer)`).
extension ConsultationSession {
    /// Opens a session on a `waiting` routed visit for the proven officer, at the moment the
    /// proof was checked; the visit becomes `in_session`.
    public static func open(visit: Visit, by officer: ServingOfficer,
                            id: SessionID) throws(ProcedureError) -> (session: ConsultationSession, visit: Visit) {
        try open(visit: visit, by: officer, id: id,
                 at: OfficeMoment(instant: officer.checkedAt, today: officer.checkedOn))
    }

    /// Opens a session at `moment` (normally the proof's own).
    public static func open(visit: Visit, by officer: ServingOfficer, id: SessionID,
                            at moment: OfficeMoment) throws(ProcedureError) -> (session: ConsultationSession, visit: Visit) {
        try open(visit: visit, officerID: officer.officerID, assignmentID: officer.assignmentID, id: id, at: moment)
    }

    /// ``updated(with:by:at:)`` for a caller proven to be serving now.
    public func updated(with changes: SessionChanges, by officer: ServingOfficer) throws(ProcedureError) -> ConsultationSession {
        try updated(with: changes, by: officer.officerID, at: officer.checkedAt)
    }

    /// ``completed(_:by:visit:at:)`` for a caller proven to be serving now.
    public func completed(_ completion: SessionCompletion, by officer: ServingOfficer,
                          visit: Visit) throws(ProcedureError) -> (session: ConsultationSession, visit: Visit) {
        try completed(completion, by: officer.officerID, visit: visit,
                      at: OfficeMoment(instant: officer.checkedAt, today: officer.checkedOn))
    }
}
