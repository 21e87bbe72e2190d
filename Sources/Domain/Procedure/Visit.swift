import Foundation

/// An applicant's arrival at the front office, its triage, and its way through the KLIPSO
/// queue (procedure steps 1 to 3).
///
/// Why it exists: the visit carries the state machine of the procedure (``VisitStatus``).
/// Changes go through the transition methods, which check the current state and bump
/// `version`; the properties are read-only outside this module so no layer can skip a rule.
/// Opening and completing a session move the visit too, but only through
/// ``ConsultationSession``, so a visit is never `in_session` without a session.
public struct Visit: Sendable, Hashable, Identifiable {
    public static let maxNotesLength = 2000
    public static let maxCancellationReasonLength = 1000

    public let id: VisitID
    public let applicantID: ApplicantID
    public let purpose: VisitPurpose
    /// Always set on routed visits.
    public let platform: Platform?
    public let notes: String?
    public let decision: VisitDecision
    public internal(set) var status: VisitStatus
    /// The daily number of a routed visit; assigned by storage when the visit is recorded.
    public internal(set) var queueNumber: QueueNumber?
    public let referredTo: ReferralDesk?
    public let refusalReason: String?
    /// The office-local day of arrival.
    public let visitDate: LocalDate
    /// The arrival.
    public let createdAt: Date
    public internal(set) var updatedAt: Date
    public internal(set) var sessionID: SessionID?
    /// When its session opened.
    public internal(set) var startedAt: Date?
    /// When it reached `completed`, `cancelled` or `no_show`.
    public internal(set) var endedAt: Date?
    public internal(set) var cancellationReason: String?
    public internal(set) var version: Int

    /// Reassembles a stored visit; new visits come from ``arrive(id:applicantID:purpose:platform:notes:triage:at:)``.
    public init(id: VisitID, applicantID: ApplicantID, purpose: VisitPurpose, platform: Platform?, notes: String?,
                decision: VisitDecision, status: VisitStatus, queueNumber: QueueNumber?, referredTo: ReferralDesk?,
                refusalReason: String?, visitDate: LocalDate, createdAt: Date, updatedAt: Date, sessionID: SessionID?,
                startedAt: Date?, endedAt: Date?, cancellationReason: String?, version: Int) {
        self.id = id
        self.applicantID = applicantID
        self.purpose = purpose
        self.platform = platform
        self.notes = notes
        self.decision = decision
        self.status = status
        self.queueNumber = queueNumber
        self.referredTo = referredTo
        self.refusalReason = refusalReason
        self.visitDate = visitDate
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.sessionID = sessionID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.cancellationReason = cancellationReason
        self.version = version
    }

    /// Records an arrival and triages it: routed visits wait (their queue number is assigned
    /// when stored), others are refused with a desk and a reason. `platform` is required for the
    /// online-registration purposes; `notes` are trimmed (empty means none), at most 2000 characters.
    public static func arrive(id: VisitID, applicantID: ApplicantID, purpose: VisitPurpose, platform: Platform?,
                              notes: String?, triage: Triage, at moment: OfficeMoment) throws(ValidationError) -> Visit {
        var problems = ValidationError()
        if purpose.isOnlineRegistration && platform == nil {
            problems.add(field: "platform", code: "platform.required",
                         message: "is required for the online_registration purposes")
        }
        let cleanNotes = problems.collect { () throws(ValidationError) in
            try OptionalText.validate(notes, field: "notes", maxLength: maxNotesLength, allowLineBreaks: true)
        } ?? nil
        try problems.throwIfAny()
        let decision = triage.decide(purpose)
        var desk: ReferralDesk?
        var reason: String?
        if case .refused(let referredTo, let text) = decision {
            desk = referredTo
            reason = text
        }
        return Visit(id: id, applicantID: applicantID, purpose: purpose, platform: platform, notes: cleanNotes,
                     decision: decision.decision, status: desk == nil ? .waiting : .refused, queueNumber: nil,
                     referredTo: desk, refusalReason: reason, visitDate: moment.today, createdAt: moment.instant,
                     updatedAt: moment.instant, sessionID: nil, startedAt: nil, endedAt: nil, cancellationReason: nil,
                     version: 1)
    }

    /// This visit with its queue number; for storage, once, on a routed visit.
    public func numbered(_ number: QueueNumber) -> Visit {
        precondition(decision == .routedToKlipso && queueNumber == nil, "only a new routed visit gets a number")
        var copy = self
        copy.queueNumber = number
        return copy
    }

    /// The applicant changed their mind before being served (`waiting` → `cancelled`).
    public func cancelled(reason: String?, at now: Date) throws -> Visit {
        let cleanReason = try OptionalText.validate(reason, field: "reason", maxLength: Self.maxCancellationReasonLength,
                                                    allowLineBreaks: true)
        var next = try moved(to: .cancelled, action: "cancel the visit", at: now)
        next.endedAt = now
        next.cancellationReason = cleanReason
        return next
    }

    /// The applicant was called and did not come (`waiting` → `no_show`); never automatic.
    public func markedNoShow(at now: Date) throws(ProcedureError) -> Visit {
        var next = try moved(to: .noShow, action: "mark the visit as a no-show", at: now)
        next.endedAt = now
        return next
    }

    /// `waiting` → `in_session`; only ``ConsultationSession`` opens sessions.
    func startingSession(_ sessionID: SessionID, at now: Date) throws(ProcedureError) -> Visit {
        guard decision == .routedToKlipso else { throw .illegal("open a session", from: status) }
        var next = try moved(to: .inSession, action: "open a session", at: now)
        next.sessionID = sessionID
        next.startedAt = now
        return next
    }

    /// `in_session` → `completed`; only ``ConsultationSession`` completes sessions.
    func completingSession(at now: Date) throws(ProcedureError) -> Visit {
        var next = try moved(to: .completed, action: "complete the visit", at: now)
        next.endedAt = now
        return next
    }

    private func moved(to target: VisitStatus, action: String, at now: Date) throws(ProcedureError) -> Visit {
        guard status.canMove(to: target) else { throw .illegal(action, from: status) }
        var next = self
        next.status = target
        next.updatedAt = now
        next.version += 1
        return next
    }
}
