import Database
import Foundation
import Storage

/// One audit event as the API lists it (the chain hashes are not exposed).
struct AuditEntry: Sendable {
    let seq: Int64
    let id: String
    let occurredAt: Date
    let actorID: String?
    let action: String
    let resourceType: String
    let resourceID: String
    let requestID: String?
    let before: [String: String]?
    let after: [String: String]?
}

/// Reads the audit trail oldest first, in `seq` order, as `GET /v1/audit-events` promises.
///
/// Exists because `AuditLog.list` pages newest first; until Storage offers an ascending
/// order this one query reads `audit_events` directly, read-only, in its own transaction.
struct AuditTrailQuery {
    var actorID: String?
    var resourceType: String?
    var resourceID: String?
    /// Events at or after this instant.
    var from: Date?
    /// Events before this instant.
    var until: Date?

    func page(after seq: Int64?, limit: Int, store: KlipsoStore) throws -> (items: [AuditEntry], hasMore: Bool) {
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        func add(_ condition: String, _ value: SQLValue) {
            conditions.append(condition)
            parameters.append(value)
        }
        if let actorID { add("actor_id = ?", .text(actorID)) }
        if let resourceType { add("resource_type = ?", .text(resourceType)) }
        if let resourceID { add("resource_id = ?", .text(resourceID)) }
        if let from { add("occurred_at >= ?", .integer(Self.micros(from))) }
        if let until { add("occurred_at < ?", .integer(Self.micros(until))) }
        if let seq { add("seq > ?", .integer(seq)) }
        parameters.append(.integer(Int64(limit + 1)))
        let sql = """
            SELECT seq, id, occurred_at, actor_id, action, resource_type, resource_id, request_id,
                summary_before, summary_after FROM audit_events
            """ + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
            + " ORDER BY seq LIMIT ?"
        let rows = try store.pool.read { connection in
            try connection.transaction(TransactionOptions(readOnly: true)) { try $0.query(sql, parameters) }
        }
        let entries = try rows.prefix(limit).map(Self.entry)
        return (entries, rows.count > limit)
    }

    static func micros(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1_000_000).rounded()) }

    static func entry(_ row: SQLRow) throws -> AuditEntry {
        AuditEntry(seq: try row.int("seq"), id: try row.string("id"),
                   occurredAt: Date(timeIntervalSince1970: Double(try row.int("occurred_at")) / 1_000_000),
                   actorID: try row.optionalString("actor_id"), action: try row.string("action"),
                   resourceType: try row.string("resource_type"), resourceID: try row.string("resource_id"),
                   requestID: try row.optionalString("request_id"),
                   before: try summary(row.optionalString("summary_before")),
                   after: try summary(row.optionalString("summary_after")))
    }

    static func summary(_ text: String?) throws -> [String: String]? {
        guard let text else { return nil }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }
}
