import Database
import Domain
import Foundation

/// A webhook subscription as stored: the secret only in sealed form.
///
/// Why it exists: the API shows webhooks without their secret, and the delivery worker needs
/// the secret to sign; sealing (by the caller, with the personal-data key) keeps a database
/// dump from revealing it.
public struct WebhookRecord: Sendable, Hashable {
    public let id: String
    public let url: String
    public let events: [String]
    public let sealedSecret: [UInt8]
    public let version: Int
    public let createdAt: Date
    public let updatedAt: Date

    public init(id: String, url: String, events: [String], sealedSecret: [UInt8], version: Int = 1,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.url = url
        self.events = events
        self.sealedSecret = sealedSecret
        self.version = version
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// The `webhooks` table.
public struct WebhookRepository {
    let connection: any SQLConnection
    static let listName = "webhooks"
    static let columns = "id, url, events, secret_sealed, version, created_at, updated_at"

    public func insert(_ webhook: WebhookRecord) throws {
        try mappingConflicts([("webhooks_pkey", "id")]) {
            try connection.execute("INSERT INTO webhooks (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?)", [
                .text(webhook.id), .text(webhook.url), .text(webhook.events.joined(separator: ",")),
                .blob(webhook.sealedSecret), .integer(Int64(webhook.version)), .instant(webhook.createdAt),
                .instant(webhook.updatedAt),
            ])
        }
    }

    public func get(id: String) throws -> WebhookRecord? {
        try connection.queryFirst("SELECT \(Self.columns) FROM webhooks WHERE id = ?", [.text(id)]).map(Self.decode)
    }

    /// Oldest first.
    public func list(_ page: PageRequest) throws -> Page<WebhookRecord> {
        var query = SQLQuery("SELECT \(Self.columns) FROM webhooks")
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit, list: Self.listName) {
            $0.id
        }
    }

    /// Every webhook (the fan-out matches each new event against all of them).
    public func all() throws -> [WebhookRecord] {
        try connection.query("SELECT \(Self.columns) FROM webhooks ORDER BY id").map(Self.decode)
    }

    /// Deletes the webhook and all its deliveries; false when it did not exist.
    public func delete(id: String) throws -> Bool {
        try connection.execute("DELETE FROM webhook_deliveries WHERE webhook_id = ?", [.text(id)])
        return try connection.execute("DELETE FROM webhooks WHERE id = ?", [.text(id)]) == 1
    }

    static func decode(_ row: SQLRow) throws -> WebhookRecord {
        WebhookRecord(id: try row.string("id"), url: try row.string("url"),
                      events: try row.string("events").split(separator: ",").map(String.init),
                      sealedSecret: try row.blob("secret_sealed"), version: try row.intValue("version"),
                      createdAt: try row.instant("created_at"), updatedAt: try row.instant("updated_at"))
    }
}
