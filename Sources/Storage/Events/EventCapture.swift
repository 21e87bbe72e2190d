import Database
import Domain
import Foundation

/// Turns audited changes into outbox and queue-event rows, inside the change's transaction.
///
/// Why it exists: every change already passes through `StoreWriter.record(_:)` with its audit
/// summary, in the same transaction as the change. Hooking there means no handler can forget
/// to emit an event, and an event exists exactly when its change committed. Only ids and
/// states are copied from the summaries (which never hold personal data anyway).
struct EventCapture {
    let connection: any SQLConnection
    let ids: any IdentifierGenerating

    static let visitActions: Set<String> = ["visit.routed", "visit.refused", "visit.cancelled", "visit.no_show"]
    static let sessionActions: Set<String> = ["session.started", "session.completed"]
    static let assignmentActions: Set<String> = ["assignment.created", "assignment.revoked"]
    /// Visit actions that change the queue (a refused visit never enters it).
    static let queueVisitActions: Set<String> = ["visit.routed", "visit.cancelled", "visit.no_show"]
    static let routed = "routed_to_klipso"

    /// Appends the rows `summary` calls for; `seq` is its audit event's sequence number.
    func capture(_ summary: AuditSummary, seq: Int64) throws {
        let action = summary.action.rawValue
        let after = summary.after ?? [:]
        let data: [(String, String?)]
        if Self.visitActions.contains(action) {
            data = [("visit_id", summary.resourceID), ("queue_number", after["queue_number"]),
                    ("status", after["status"]), ("decision", after["decision"])]
            if Self.queueVisitActions.contains(action), after["decision"] == Self.routed, let status = after["status"] {
                try appendQueueEvent(seq: seq, visitID: summary.resourceID, status: status, at: summary.occurredAt)
            }
        } else if Self.sessionActions.contains(action) {
            data = [("session_id", summary.resourceID), ("visit_id", after["visit_id"]),
                    ("officer_id", after["officer_id"]), ("outcome", after["outcome"])]
            if let visitID = after["visit_id"] {
                let status = action == "session.started" ? VisitStatus.inSession : .completed
                try appendQueueEvent(seq: seq, visitID: visitID, status: status.rawValue, at: summary.occurredAt)
            }
        } else if Self.assignmentActions.contains(action) {
            data = [("assignment_id", summary.resourceID), ("officer_id", after["officer_id"]),
                    ("status", after["status"])]
        } else {
            return
        }
        try connection.execute("""
            INSERT INTO events (seq, id, type, resource_type, resource_id, created_at, data)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, [.integer(seq), .text(ids.nextRawValue()), .text(action), .text(summary.resourceType),
                  .text(summary.resourceID), .instant(summary.occurredAt), .text(FlatJSON.encode(data))])
    }

    /// The visit's number and day come from its row (session summaries do not carry them).
    private func appendQueueEvent(seq: Int64, visitID: String, status: String, at instant: Date) throws {
        guard let row = try connection.queryFirst(
            "SELECT queue_number, visit_date, decision FROM visits WHERE id = ?", [.text(visitID)]),
            try row.string("decision") == Self.routed else { return }
        try connection.execute("""
            INSERT INTO queue_events (seq, visit_id, queue_number, status, visit_date, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, [.integer(seq), .text(visitID), .text(try row.optionalString("queue_number")), .text(status),
                  .integer(try row.int("visit_date")), .instant(instant)])
    }
}
