import Database
import Domain
import Foundation

/// The append-only, hash-chained audit trail in `audit_events`.
///
/// Why it exists: every change leaves an event that cannot be silently rewritten (openness and
/// accountability, art. 6). Events are appended inside the change's own transaction (through a
/// ``StoreWriter``), so a change is never committed without its event nor an event without
/// its change. Appending locks the one-row chain head (`SELECT … FOR UPDATE` on PostgreSQL;
/// SQLite has a single writer), takes `seq = last_seq + 1`, hashes the event onto the previous
/// hash (``AuditChain``) and moves the head. There is no code path that updates or deletes an
/// event, and database triggers refuse it. Lists are newest first (descending `seq`).
public struct AuditLog {
    let connection: any SQLConnection
    /// Makes event ids; nil in a reader, which cannot append.
    let ids: (any IdentifierGenerating)?
    var onAppend: (() -> Void)?
    static let listName = "audit"
    static let columns = """
        seq, id, occurred_at, actor_id, actor_kind, action, resource_type, resource_id, request_id, \
        summary_before, summary_after, prev_hash, hash
        """

    init(connection: any SQLConnection, ids: (any IdentifierGenerating)?, onAppend: (() -> Void)? = nil) {
        self.connection = connection
        self.ids = ids
        self.onAppend = onAppend
    }

    /// Appends `summary` as the next event of the chain. `actor` is the authenticated
    /// principal of the request (it is what is stored; the summary's `actorID` is the
    /// domain's view of the same person). Append last in a transaction: on PostgreSQL the
    /// chain head stays locked until commit.
    @discardableResult
    public func append(summary: AuditSummary, requestID: String?, actor: AuditActor) throws -> AuditEvent {
        guard let ids else { throw StoreError(.internal, "audit events can only be appended in a write transaction") }
        let lock = connection.backend == .postgres ? " FOR UPDATE" : ""
        guard let head = try connection.queryFirst(
            "SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1\(lock)") else {
            throw StoreError(.corruptData, "the audit chain head row is missing")
        }
        let columns = AuditChain.Columns(
            seq: try head.int("last_seq") + 1, id: ids.nextRawValue(),
            occurredAt: summary.occurredAt.microsecondsSinceEpoch, actorID: actor.id, actorKind: actor.kind.rawValue,
            action: summary.action.rawValue, resourceType: summary.resourceType, resourceID: summary.resourceID,
            requestID: requestID, summaryBefore: SummaryJSON.encode(summary.before),
            summaryAfter: SummaryJSON.encode(summary.after), previousHash: try head.string("last_hash"))
        let hash = AuditChain.hash(columns)
        try connection.execute("""
            INSERT INTO audit_events (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, [.integer(columns.seq), .text(columns.id), .integer(columns.occurredAt), .text(columns.actorID),
                  .text(columns.actorKind), .text(columns.action), .text(columns.resourceType),
                  .text(columns.resourceID), .text(columns.requestID), .text(columns.summaryBefore),
                  .text(columns.summaryAfter), .text(columns.previousHash), .text(hash)])
        try connection.execute("UPDATE audit_chain_head SET last_seq = ?, last_hash = ? WHERE id = 1",
                               [.integer(columns.seq), .text(hash)])
        onAppend?()
        return try Self.event(columns, hash: hash)
    }

    public func event(id: AuditEventID) throws -> AuditEvent? {
        try connection.queryFirst("SELECT \(Self.columns) FROM audit_events WHERE id = ?", [.text(id.rawValue)])
            .map(Self.decode)
    }

    /// Events matching `filter`, newest first.
    public func list(_ filter: AuditEventFilter = AuditEventFilter(), _ page: PageRequest) throws -> Page<AuditEvent> {
        var query = Self.matching(filter)
        if let before = try PageCursor.decodeInteger(page.cursor, list: Self.listName) {
            query.where("seq < ?", .integer(before))
        }
        query.append(" ORDER BY seq DESC LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit,
                               list: Self.listName) { String($0.seq) }
    }

    /// Events matching `filter` oldest first, after `afterSeq`: the order of `GET /v1/audit-events`,
    /// whose cursor the API layer makes itself. `hasMore` says whether a further page exists.
    public func oldestFirst(_ filter: AuditEventFilter, after afterSeq: Int64?, limit: Int) throws
        -> (events: [AuditEvent], hasMore: Bool) {
        var query = Self.matching(filter)
        if let afterSeq { query.where("seq > ?", .integer(afterSeq)) }
        query.append(" ORDER BY seq LIMIT ?", .integer(Int64(limit + 1)))
        let events = try query.run(on: connection).map(Self.decode)
        return (Array(events.prefix(limit)), events.count > limit)
    }

    private static func matching(_ filter: AuditEventFilter) -> SQLQuery {
        var query = SQLQuery("SELECT \(Self.columns) FROM audit_events")
        if let actorID = filter.actorID { query.where("actor_id = ?", .text(actorID)) }
        if let type = filter.resourceType { query.where("resource_type = ?", .text(type)) }
        if let id = filter.resourceID { query.where("resource_id = ?", .text(id)) }
        if let action = filter.action { query.where("action = ?", .text(action.rawValue)) }
        if let from = filter.from { query.where("occurred_at >= ?", .instant(from)) }
        if let to = filter.to { query.where("occurred_at < ?", .instant(to)) }
        return query
    }

    /// The number of events (for tests and `audit verify` output).
    public func count() throws -> Int {
        Int(try connection.queryFirst("SELECT COUNT(*) AS n FROM audit_events")?.int("n") ?? 0)
    }

    static func columns(_ row: SQLRow) throws -> AuditChain.Columns {
        AuditChain.Columns(
            seq: try row.int("seq"), id: try row.string("id"), occurredAt: try row.int("occurred_at"),
            actorID: try row.optionalString("actor_id"), actorKind: try row.string("actor_kind"),
            action: try row.string("action"), resourceType: try row.string("resource_type"),
            resourceID: try row.string("resource_id"), requestID: try row.optionalString("request_id"),
            summaryBefore: try row.optionalString("summary_before"), summaryAfter: try row.optionalString("summary_after"),
            previousHash: try row.string("prev_hash"))
    }

    static func decode(_ row: SQLRow) throws -> AuditEvent {
        try event(columns(row), hash: row.string("hash"))
    }

    static func event(_ columns: AuditChain.Columns, hash: String) throws -> AuditEvent {
        AuditEvent(seq: columns.seq, id: AuditEventID(rawValue: columns.id),
                   occurredAt: Date(microsecondsSinceEpoch: columns.occurredAt),
                   actor: AuditActor(kind: .init(rawValue: columns.actorKind), id: columns.actorID),
                   action: AuditAction(rawValue: columns.action), resourceType: columns.resourceType,
                   resourceID: columns.resourceID, requestID: columns.requestID,
                   before: try SummaryJSON.decode(columns.summaryBefore),
                   after: try SummaryJSON.decode(columns.summaryAfter), previousHash: columns.previousHash, hash: hash)
    }
}
