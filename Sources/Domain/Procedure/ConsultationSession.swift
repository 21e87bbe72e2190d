import Foundation

/// A consultation between a KLIPSO officer and the applicant of one routed visit (procedure
/// steps 4 to 6).
///
/// Why it exists: it records what the officer covered and how it ended, and it moves the visit
/// with it (`waiting` → `in_session` → `completed`), so the two cannot disagree. Opening needs
/// proof that the officer is serving: the public entry point is
/// `ConsultationSession.open(visit:by:id:at:)` in the Storage module, which takes the
/// `ServingOfficer` only the `OfficerAssignment` module can make (this module cannot see that
/// type, so its own ``open(visit:officerID:assignmentID:id:at:)`` is package-internal).
/// Only the officer who opened a session may change or complete it.
public struct ConsultationSession: Sendable, Hashable, Identifiable {
    public let id: SessionID
    public let visitID: VisitID
    /// The visit's applicant, copied for convenience.
    public let applicantID: ApplicantID
    /// The visit's platform.
    public let platform: Platform
    public let officerID: StaffID
    /// The assignment under which the officer served when opening.
    public let assignmentID: AssignmentID
    public internal(set) var status: SessionStatus
    public let startedAt: Date
    /// The office-local day of `startedAt` (what `?date=` and reports filter on).
    public let startedOn: LocalDate
    public internal(set) var completedAt: Date?
    public internal(set) var completedOn: LocalDate?
    public internal(set) var topics: [SessionTopic]
    public internal(set) var notes: String?
    public internal(set) var requirements: [Requirement]
    public internal(set) var outcome: SessionOutcome?
    public internal(set) var nextStep: NextStep?
    public internal(set) var missingRequirements: [String]
    public internal(set) var version: Int
    public internal(set) var updatedAt: Date

    /// Equals `startedAt`.
    public var createdAt: Date { startedAt }

    /// Reassembles a stored session without checking rules.
    public init(id: SessionID, visitID: VisitID, applicantID: ApplicantID, platform: Platform, officerID: StaffID,
                assignmentID: AssignmentID, status: SessionStatus, startedAt: Date, startedOn: LocalDate,
                completedAt: Date?, completedOn: LocalDate?, topics: [SessionTopic], notes: String?,
                requirements: [Requirement], outcome: SessionOutcome?, nextStep: NextStep?,
                missingRequirements: [String], version: Int, updatedAt: Date) {
        self.id = id
        self.visitID = visitID
        self.applicantID = applicantID
        self.platform = platform
        self.officerID = officerID
        self.assignmentID = assignmentID
        self.status = status
        self.startedAt = startedAt
        self.startedOn = startedOn
        self.completedAt = completedAt
        self.completedOn = completedOn
        self.topics = topics
        self.notes = notes
        self.requirements = requirements
        self.outcome = outcome
        self.nextStep = nextStep
        self.missingRequirements = missingRequirements
        self.version = version
        self.updatedAt = updatedAt
    }

    /// Opens a session on a `waiting` visit routed to KLIPSO and moves the visit to `in_session`.
    /// Package-internal: callers outside go through the Storage entry point that demands a
    /// `ServingOfficer`.
    package static func open(visit: Visit, officerID: StaffID, assignmentID: AssignmentID, id: SessionID,
                             at moment: OfficeMoment) throws(ProcedureError) -> (session: ConsultationSession, visit: Visit) {
        guard visit.decision == .routedToKlipso, let platform = visit.platform else {
            throw .illegal("open a session", from: visit.status)
        }
        let updatedVisit = try visit.startingSession(id, at: moment.instant)
        let session = ConsultationSession(
            id: id, visitID: visit.id, applicantID: visit.applicantID, platform: platform, officerID: officerID,
            assignmentID: assignmentID, status: .inProgress, startedAt: moment.instant, startedOn: moment.today,
            completedAt: nil, completedOn: nil, topics: [], notes: nil, requirements: [], outcome: nil, nextStep: nil,
            missingRequirements: [], version: 1, updatedAt: moment.instant)
        return (session, updatedVisit)
    }

    /// This session with `changes` applied (arrays replaced whole); only its officer, only while
    /// in progress.
    public func updated(with changes: SessionChanges, by callerID: StaffID,
                        at now: Date) throws(ProcedureError) -> ConsultationSession {
        try requireChangeable(by: callerID, action: "change the session")
        var next = self
        if let topics = changes.topics { next.topics = topics }
        next.notes = changes.notes.applied(to: notes)
        if let requirements = changes.requirements { next.requirements = requirements }
        next.version += 1
        next.updatedAt = now
        return next
    }

    /// Completes the session with `completion` and its `visit` (`in_session` → `completed`);
    /// only its officer, only while in progress.
    public func completed(_ completion: SessionCompletion, by callerID: StaffID, visit: Visit,
                          at moment: OfficeMoment) throws(ProcedureError) -> (session: ConsultationSession, visit: Visit) {
        try requireChangeable(by: callerID, action: "complete the session")
        guard visit.id == visitID else {
            throw ProcedureError(.mismatchedVisit, message: "visit \(visit.id) does not belong to session \(id)")
        }
        let updatedVisit = try visit.completingSession(at: moment.instant)
        var next = self
        next.status = .completed
        next.completedAt = moment.instant
        next.completedOn = moment.today
        next.outcome = completion.outcome
        next.nextStep = completion.nextStep
        next.missingRequirements = completion.missingRequirements
        next.version += 1
        next.updatedAt = moment.instant
        return (next, updatedVisit)
    }

    private func requireChangeable(by callerID: StaffID, action: String) throws(ProcedureError) {
        guard callerID == officerID else {
            throw ProcedureError(.notSessionOfficer, message: "only the officer who opened the session may \(action)")
        }
        guard status == .inProgress else {
            throw ProcedureError(.invalidState, currentStatus: status.rawValue,
                                 message: "cannot \(action): the session is \(status.rawValue)")
        }
    }
}
