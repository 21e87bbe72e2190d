import Foundation

extension AuditAction {
    public static let applicantCreated = AuditAction(rawValue: "applicant.created")
    public static let applicantUpdated = AuditAction(rawValue: "applicant.updated")
    public static let visitRouted = AuditAction(rawValue: "visit.routed")
    public static let visitRefused = AuditAction(rawValue: "visit.refused")
    public static let visitCancelled = AuditAction(rawValue: "visit.cancelled")
    public static let visitNoShow = AuditAction(rawValue: "visit.no_show")
    public static let sessionStarted = AuditAction(rawValue: "session.started")
    public static let sessionUpdated = AuditAction(rawValue: "session.updated")
    public static let sessionCompleted = AuditAction(rawValue: "session.completed")
}

/// The non-personal fields of procedure resources that audit events record.
///
/// Why it exists: audit summaries must never hold names, NIKs, phone numbers, addresses or
/// free text (UU 27/2022); listing the allowed fields here keeps every caller to that rule.
public enum ProcedureAudit {
    public static let applicantResourceType = "applicant"
    public static let visitResourceType = "visit"
    public static let sessionResourceType = "session"

    public static func fields(of applicant: Applicant) -> [String: String] {
        ["kind": applicant.kind.rawValue, "has_nik": String(applicant.nik != nil), "has_nib": String(applicant.nib != nil),
         "version": String(applicant.version)]
    }

    public static func fields(of visit: Visit) -> [String: String] {
        var fields = ["applicant_id": visit.applicantID.rawValue, "purpose": visit.purpose.rawValue,
                      "decision": visit.decision.rawValue, "status": visit.status.rawValue,
                      "visit_date": visit.visitDate.iso8601, "version": String(visit.version)]
        fields["platform"] = visit.platform?.rawValue
        fields["queue_number"] = visit.queueNumber?.text
        fields["referred_to"] = visit.referredTo?.rawValue
        fields["session_id"] = visit.sessionID?.rawValue
        return fields
    }

    public static func fields(of session: ConsultationSession) -> [String: String] {
        var fields = ["visit_id": session.visitID.rawValue, "officer_id": session.officerID.rawValue,
                      "assignment_id": session.assignmentID.rawValue, "status": session.status.rawValue,
                      "platform": session.platform.rawValue, "version": String(session.version),
                      "topics": session.topics.map(\.rawValue).joined(separator: ",")]
        fields["outcome"] = session.outcome?.rawValue
        fields["next_step"] = session.nextStep?.rawValue
        return fields
    }

    /// The audit summary of a change from `before` (nil on creation) to `after`.
    public static func summary(_ action: AuditAction, applicant after: Applicant, before: Applicant?,
                               actor: StaffID?, at now: Date) -> AuditSummary {
        AuditSummary(action: action, resourceType: applicantResourceType, resourceID: after.id.rawValue, actorID: actor,
                     occurredAt: now, before: before.map(fields(of:)), after: fields(of: after))
    }

    public static func summary(_ action: AuditAction, visit after: Visit, before: Visit?, actor: StaffID?,
                               at now: Date) -> AuditSummary {
        AuditSummary(action: action, resourceType: visitResourceType, resourceID: after.id.rawValue, actorID: actor,
                     occurredAt: now, before: before.map(fields(of:)), after: fields(of: after))
    }

    public static func summary(_ action: AuditAction, session after: ConsultationSession, before: ConsultationSession?,
                               actor: StaffID?, at now: Date) -> AuditSummary {
        AuditSummary(action: action, resourceType: sessionResourceType, resourceID: after.id.rawValue, actorID: actor,
                     occurredAt: now, before: before.map(fields(of:)), after: fields(of: after))
    }
}
