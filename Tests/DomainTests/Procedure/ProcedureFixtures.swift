import Domain
import Foundation

/// Builders shared by the procedure tests: a profile, a moment in WIB and visits in each state.
enum Procedure {
    static let profile = OfficeProfile.default
    static let triage = Triage(profile: profile)
    static let morning = OfficeMoment(instant: instant("2026-12-03T08:45:00+07:00"), today: day("2026-12-03"))
    static let applicant = ApplicantID(rawValue: "01jfc7x9z1b3d5f7h9k1m3p5r6")
    static let officer = StaffID(rawValue: "officer")
    static let assignment = AssignmentID(rawValue: "assignment")

    static func moment(_ text: String) -> OfficeMoment {
        let date = instant(text)
        return OfficeMoment(instant: date, today: OfficeTimeZone.jakarta.localDate(of: date))
    }

    static func visit(_ purpose: VisitPurpose = .onlineRegistrationAssistance, platform: Platform? = .oss,
                      id: String = "visit-1", at moment: OfficeMoment = morning) throws -> Visit {
        try Visit.arrive(id: VisitID(rawValue: id), applicantID: applicant, purpose: purpose, platform: platform,
                         notes: nil, triage: triage, at: moment)
    }

    /// A waiting routed visit and the session opened on it, with the visit in session.
    static func openSession(at moment: OfficeMoment = Procedure.moment("2026-12-03T09:02:00+07:00"),
                            visit: Visit? = nil) throws -> (session: ConsultationSession, visit: Visit) {
        try ConsultationSession.open(visit: visit ?? Procedure.visit(), officerID: officer, assignmentID: assignment,
                                     id: SessionID(rawValue: "session-1"), at: moment)
    }

    /// A visit in the given status, reached through legal transitions.
    static func visit(in status: VisitStatus) throws -> Visit {
        let waiting = try visit()
        switch status {
        case .waiting: return waiting
        case .refused: return try visit(.complaint, platform: nil)
        case .cancelled: return try waiting.cancelled(reason: nil, at: morning.instant)
        case .noShow: return try waiting.markedNoShow(at: morning.instant)
        case .inSession: return try openSession(visit: waiting).visit
        case .completed:
            let opened = try openSession(visit: waiting)
            let completion = try SessionCompletion.validated(outcome: .applicantLeft, nextStep: nil, missingRequirements: nil)
            return try opened.session.completed(completion, by: officer, visit: opened.visit,
                                                at: moment("2026-12-03T09:30:00+07:00")).visit
        }
    }
}

/// The `ProcedureError` thrown by `body`, or nil if it threw nothing or something else.
func procedureError(_ body: () throws -> Void) -> ProcedureError? {
    do {
        try body()
        return nil
    } catch let error as ProcedureError {
        return error
    } catch {
        return nil
    }
}

/// The codes of the `ValidationError` thrown by `body`; [] when it throws nothing or something else.
func fieldCodes(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let error as ValidationError {
        return error.codes
    } catch {
        return ["unexpected: \(error)"]
    }
}
