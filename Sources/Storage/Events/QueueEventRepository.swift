import Database
import Domain
import Foundation

/// Reads the `queue_events` log that `EventCapture` appends to.
///
/// Why it exists: the live queue's one source of truth, shared by every instance on the same
/// database. The poller reads what is new (``after(_:limit:)``); a reconnecting client gets
/// today's events after its last one (``replay(after:on:limit:)``).
public struct QueueEventRepository {
    let connection: any SQLConnection
    static let columns = "seq, visit_id, queue_number, status, visit_date, created_at"

    /// The newest sequence number, 0 when there is none.
    public func latestSeq() throws -> Int64 {
        try connection.queryFirst("SELECT MAX(seq) AS seq FROM queue_events")?.optionalInt("seq") ?? 0
    }

    /// Events with `seq > after`, oldest first.
    public func after(_ seq: Int64, limit: Int = 500) throws -> [QueueEvent] {
        try connection.query("SELECT \(Self.columns) FROM queue_events WHERE seq > ? ORDER BY seq LIMIT ?",
                             [.integer(seq), .integer(Int64(limit))]).map(Self.decode)
    }

    /// Events of `date` after `lastSeen`; when `lastSeen` is nil or is not one of that day's
    /// events, all of that day's events.
    public func replay(after lastSeen: Int64?, on date: LocalDate, limit: Int = 10_000) throws -> [QueueEvent] {
        var start: Int64 = 0
        if let lastSeen, try connection.queryFirst("SELECT seq FROM queue_events WHERE seq = ? AND visit_date = ?",
                                                   [.integer(lastSeen), .day(date)]) != nil {
            start = lastSeen
        }
        return try connection.query("""
            SELECT \(Self.columns) FROM queue_events WHERE visit_date = ? AND seq > ? ORDER BY seq LIMIT ?
            """, [.day(date), .integer(start), .integer(Int64(limit))]).map(Self.decode)
    }

    static func decode(_ row: SQLRow) throws -> QueueEvent {
        QueueEvent(seq: try row.int("seq"), visitID: try row.string("visit_id"),
                   queueNumber: try row.optionalString("queue_number"), status: try row.string("status"),
                   visitDate: try row.day("visit_date"), createdAt: try row.instant("created_at"))
    }
}

/// Reads the `events` outbox (tests and diagnostics; the delivery worker reads it while fanning out).
public struct OutboxRepository {
    let connection: any SQLConnection
    static let columns = "seq, id, type, resource_type, resource_id, created_at, data"

    /// Events with `seq > after`, oldest first.
    public func after(_ seq: Int64, limit: Int = 200) throws -> [OutboxEvent] {
        try connection.query("SELECT \(Self.columns) FROM events WHERE seq > ? ORDER BY seq LIMIT ?",
                             [.integer(seq), .integer(Int64(limit))]).map(Self.decode)
    }

    public func count() throws -> Int {
        Int(try connection.queryFirst("SELECT COUNT(*) AS n FROM events")?.int("n") ?? 0)
    }

    static func decode(_ row: SQLRow) throws -> OutboxEvent {
        OutboxEvent(seq: try row.int("seq"), id: try row.string("id"), type: try row.string("type"),
                    resourceType: try row.string("resource_type"), resourceID: try row.string("resource_id"),
                    createdAt: try row.instant("created_at"), dataJSON: try row.string("data"))
    }
}
