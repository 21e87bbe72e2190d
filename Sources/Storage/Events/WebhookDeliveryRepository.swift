import Database
import Domain
import Foundation

/// The `webhook_deliveries` table: fan-out of new outbox events, claims, results, redelivery.
///
/// Why it exists: delivery state must be shared by every instance on one database, so that an
/// event is delivered to each webhook once (claims with a lease and `FOR UPDATE SKIP LOCKED`
/// on PostgreSQL; SQLite has a single writer), in order per resource (a later event waits
/// while an earlier one for the same resource is pending), and retried after a crash.
public struct WebhookDeliveryRepository {
    let connection: any SQLConnection
    let ids: (any IdentifierGenerating)?
    static let listName = "webhook_deliveries"
    static let columns = """
        id, webhook_id, event_id, event_type, status, attempts, last_status_code, last_error, delivered_at, \
        next_attempt_at, created_at
        """

    /// Deliveries by status (`pending`, `delivered`, `failed`), for the metrics backlog gauge.
    public func countsByStatus() throws -> [String: Int] {
        var counts = ["pending": 0, "delivered": 0, "failed": 0]
        for row in try connection.query("SELECT status, COUNT(*) AS n FROM webhook_deliveries GROUP BY status", []) {
            counts[try row.string("status")] = Int(try row.int("n"))
        }
        return counts
    }

    /// A webhook's deliveries, oldest first.
    public func list(webhookID: String, _ page: PageRequest) throws -> Page<WebhookDelivery> {
        var query = SQLQuery("SELECT \(Self.columns) FROM webhook_deliveries")
        query.where("webhook_id = ?", .text(webhookID))
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit, list: Self.listName) {
            $0.id
        }
    }

    public func get(id: String, webhookID: String) throws -> WebhookDelivery? {
        try connection.queryFirst("SELECT \(Self.columns) FROM webhook_deliveries WHERE id = ? AND webhook_id = ?",
                                  [.text(id), .text(webhookID)]).map(Self.decode)
    }

    /// Queues the delivery for an attempt at `now`, whatever its status; attempts keep counting.
    public func redeliver(id: String, webhookID: String, now: Date) throws -> WebhookDelivery? {
        try connection.execute("""
            UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?, delivered_at = NULL
            WHERE id = ? AND webhook_id = ?
            """, [.instant(now), .text(id), .text(webhookID)])
        return try get(id: id, webhookID: webhookID)
    }

    /// Turns outbox events not yet fanned out into pending deliveries for every webhook
    /// subscribed to their type (and existing when they happened); returns how many events.
    @discardableResult
    public func fanOut(now: Date, limit: Int = 200) throws -> Int {
        guard let ids else { throw StoreError(.internal, "fan-out needs a write transaction") }
        let lock = connection.backend == .postgres ? " FOR UPDATE" : ""
        guard let cursor = try connection.queryFirst("SELECT last_seq FROM event_fanout WHERE id = 1\(lock)") else {
            throw StoreError(.corruptData, "the event fan-out cursor row is missing")
        }
        let events = try OutboxRepository(connection: connection).after(try cursor.int("last_seq"), limit: limit)
        guard let last = events.last else { return 0 }
        let webhooks = try WebhookRepository(connection: connection).all()
        for event in events {
            for webhook in webhooks where webhook.events.contains(event.type) && webhook.createdAt <= event.createdAt {
                try connection.execute("""
                    INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_seq, event_type, resource_key, status,
                        attempts, next_attempt_at, locked_until, created_at)
                    VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, 0, ?)
                    ON CONFLICT (webhook_id, event_id) DO NOTHING
                    """, [.text(ids.nextRawValue()), .text(webhook.id), .text(event.id), .integer(event.seq),
                          .text(event.type), .text(event.resourceType + ":" + event.resourceID), .instant(now),
                          .instant(now)])
            }
        }
        try connection.execute("UPDATE event_fanout SET last_seq = ? WHERE id = 1", [.integer(last.seq)])
        return events.count
    }

    /// Claims up to `limit` due deliveries for `lease` seconds under `token`. A delivery is due
    /// when pending, its attempt time has come, it is not leased, and no earlier event of the
    /// same resource is still pending for the same webhook.
    public func claim(now: Date, limit: Int, lease: TimeInterval, token: String) throws -> [ClaimedDelivery] {
        let skipLocked = connection.backend == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        let due = try connection.query("""
            SELECT d.id FROM webhook_deliveries d
            WHERE d.status = 'pending' AND d.next_attempt_at <= ? AND d.locked_until < ?
              AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e
                              WHERE e.webhook_id = d.webhook_id AND e.resource_key = d.resource_key
                                AND e.event_seq < d.event_seq AND e.status = 'pending')
            ORDER BY d.event_seq LIMIT ?\(skipLocked)
            """, [.instant(now), .instant(now), .integer(Int64(limit))]).map { try $0.string("id") }
        guard !due.isEmpty else { return [] }
        let leasedUntil = now.addingTimeInterval(lease)
        for id in due {
            try connection.execute("UPDATE webhook_deliveries SET locked_until = ?, claim_token = ? WHERE id = ?",
                                   [.instant(leasedUntil), .text(token), .text(id)])
        }
        return try connection.query("""
            SELECT d.id, d.attempts, d.created_at AS queued_at, d.webhook_id, w.url, w.secret_sealed,
                   e.seq, e.id AS event_id, e.type, e.resource_type, e.resource_id, e.created_at, e.data
            FROM webhook_deliveries d
            JOIN webhooks w ON w.id = d.webhook_id
            JOIN events e ON e.id = d.event_id
            WHERE d.claim_token = ? ORDER BY e.seq
            """, [.text(token)]).map { row in
            ClaimedDelivery(
                deliveryID: try row.string("id"), claimToken: token, attempts: try row.intValue("attempts"),
                createdAt: try row.instant("queued_at"), webhookID: try row.string("webhook_id"),
                url: try row.string("url"), sealedSecret: try row.blob("secret_sealed"),
                event: OutboxEvent(seq: try row.int("seq"), id: try row.string("event_id"), type: try row.string("type"),
                                   resourceType: try row.string("resource_type"),
                                   resourceID: try row.string("resource_id"),
                                   createdAt: try row.instant("created_at"), dataJSON: try row.string("data")))
        }
    }

    /// Records an attempt's result if the claim is still `claim.claimToken`'s; schedules the
    /// next attempt or gives up per `policy`.
    public func finish(_ claim: ClaimedDelivery, result: DeliveryAttemptResult, now: Date,
                       policy: DeliveryRetryPolicy) throws {
        let attempts = claim.attempts + 1
        let code: SQLValue = result.statusCode.map { .integer(Int64($0)) } ?? .null
        if result.acknowledged {
            try connection.execute("""
                UPDATE webhook_deliveries SET status = 'delivered', attempts = attempts + 1, last_status_code = ?,
                    last_error = NULL, delivered_at = ?, next_attempt_at = NULL, locked_until = 0, claim_token = NULL
                WHERE id = ? AND claim_token = ?
                """, [code, .instant(now), .text(claim.deliveryID), .text(claim.claimToken)])
            return
        }
        let next = now.addingTimeInterval(policy.delay(afterAttempts: attempts))
        let givingUp = next.timeIntervalSince(claim.createdAt) > policy.giveUpAfter
        try connection.execute("""
            UPDATE webhook_deliveries SET status = ?, attempts = attempts + 1, last_status_code = ?, last_error = ?,
                next_attempt_at = ?, locked_until = 0, claim_token = NULL
            WHERE id = ? AND claim_token = ?
            """, [.text(givingUp ? "failed" : "pending"), code, .text(result.error ?? "delivery failed"),
                  givingUp ? .null : .instant(next), .text(claim.deliveryID), .text(claim.claimToken)])
    }

    static func decode(_ row: SQLRow) throws -> WebhookDelivery {
        WebhookDelivery(id: try row.string("id"), webhookID: try row.string("webhook_id"),
                        eventID: try row.string("event_id"), eventType: try row.string("event_type"),
                        status: try row.string("status"), attempts: try row.intValue("attempts"),
                        lastStatusCode: try row.optionalInt("last_status_code").map { Int($0) },
                        lastError: try row.optionalString("last_error"),
                        deliveredAt: try row.optionalInstant("delivered_at"),
                        nextAttemptAt: try row.optionalInstant("next_attempt_at"),
                        createdAt: try row.instant("created_at"))
    }
}
