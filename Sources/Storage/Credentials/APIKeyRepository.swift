import Database
import Domain
import Foundation

/// Tag for ``APIKeyID``.
public enum APIKeyKind: IdentifierKind { public static let name = "api_key" }
/// An integration's API key record (`/v1/api-keys/{id}` if exposed).
public typealias APIKeyID = Identifier<APIKeyKind>

/// A machine client's credential, as stored (without the key itself).
///
/// Why it exists: integrations (e-PTSP, display boards) authenticate with scoped keys an
/// administrator issues; the server keeps only the SHA-256 digest of each key.
public struct APIKey: Sendable, Hashable, Identifiable {
    public let id: APIKeyID
    public var name: String
    /// What the key may do (e.g. `visits:read`); stored sorted, so equal sets compare equal.
    public var scopes: [String]
    /// The administrator who issued it; nil when issued by the system.
    public let createdBy: StaffID?
    public let createdAt: Date
    public var revokedAt: Date?
    public var lastUsedAt: Date?

    public init(id: APIKeyID, name: String, scopes: [String], createdBy: StaffID?, createdAt: Date,
                revokedAt: Date? = nil, lastUsedAt: Date? = nil) {
        self.id = id
        self.name = name
        self.scopes = Array(Set(scopes)).sorted()
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.lastUsedAt = lastUsedAt
    }

    public func hasScope(_ scope: String) -> Bool { revokedAt == nil && scopes.contains(scope) }
}

/// API keys in `api_keys`.
///
/// Why it exists: the one place that maps key rows; lookups by digest only ever return keys
/// that are not revoked.
public struct APIKeyRepository {
    let connection: any SQLConnection
    static let listName = "api_keys"
    static let columns = "id, name, scopes, created_by, created_at, revoked_at, last_used_at"

    /// Stores `key`; `digest` is the SHA-256 hex of the secret key text. Conflicts name `digest` or `id`.
    public func insert(_ key: APIKey, digest: String) throws {
        try mappingConflicts([("digest", "digest"), ("api_keys.id", "id"), ("api_keys_pkey", "id")]) {
            try connection.execute("""
                INSERT INTO api_keys (id, name, digest, scopes, created_by, created_at, revoked_at, last_used_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(key.id.rawValue), .text(key.name), .text(digest), .text(SortedList.encode(key.scopes)),
                      .text(key.createdBy?.rawValue), .instant(key.createdAt), .instant(key.revokedAt),
                      .instant(key.lastUsedAt)])
        }
    }

    /// The unrevoked key whose digest is `digest`.
    public func lookup(digest: String) throws -> APIKey? {
        try connection.queryFirst("SELECT \(Self.columns) FROM api_keys WHERE digest = ? AND revoked_at IS NULL",
                                  [.text(digest)]).map(Self.decode)
    }

    /// The key with `id`, revoked or not.
    public func get(id: APIKeyID) throws -> APIKey? {
        try connection.queryFirst("SELECT \(Self.columns) FROM api_keys WHERE id = ?", [.text(id.rawValue)])
            .map(Self.decode)
    }

    /// All keys, revoked included, in id (creation) order.
    public func list(_ page: PageRequest) throws -> Page<APIKey> {
        var query = SQLQuery("SELECT \(Self.columns) FROM api_keys")
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit,
                               list: Self.listName) { $0.id.rawValue }
    }

    /// Revokes the key; false if unknown or already revoked.
    @discardableResult
    public func revoke(id: APIKeyID, at now: Date) throws -> Bool {
        try connection.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                               [.instant(now), .text(id.rawValue)]) == 1
    }

    /// Records that the key was used at `now` (never moves the time backwards).
    public func markUsed(id: APIKeyID, at now: Date) throws {
        try connection.execute("""
            UPDATE api_keys SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)
            """, [.instant(now), .text(id.rawValue), .instant(now)])
    }

    static func decode(_ row: SQLRow) throws -> APIKey {
        APIKey(id: APIKeyID(rawValue: try row.string("id")), name: try row.string("name"),
               scopes: SortedList.decode(try row.string("scopes")),
               createdBy: try row.optionalString("created_by").map(StaffID.init(rawValue:)),
               createdAt: try row.instant("created_at"), revokedAt: try row.optionalInstant("revoked_at"),
               lastUsedAt: try row.optionalInstant("last_used_at"))
    }
}
