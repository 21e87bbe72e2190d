import Cryptography
import Domain
import Storage
import Web

/// The wire form of API keys, and how a key's text is made.
///
/// A key reads `klipso_<6 characters of its id>_<256 random bits>`, so its `prefix` (the part
/// before the second underscore) can be shown later without storing anything but the digest.
enum APIKeyPayloads {
    static let scopes: Set<String> = ["applicants:read", "visits:read", "sessions:read", "queue:read"]
    static let nameLength = 1...100

    static func prefix(of id: APIKeyID) -> String { "klipso_" + String(id.rawValue.suffix(6)) }

    static func makeKey(for id: APIKeyID) -> String {
        prefix(of: id) + "_" + Base64URL.encode(SecureRandom.bytes(32))
    }

    /// Version 1 until revoked, then 2 (revocation is the only change a key undergoes).
    static func version(_ key: APIKey) -> Int { key.revokedAt == nil ? 1 : 2 }

    static func write(_ key: APIKey, revokedBy: String?, secret: String? = nil, _ services: APIServices,
                      to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", key.id.rawValue)
        writer.field("name", key.name)
        writer.field("scopes", strings: key.scopes)
        writer.field("prefix", prefix(of: key.id))
        writer.field("created_by", key.createdBy?.rawValue)
        writer.field("expires_at", nil as String?)
        writer.field("last_used_at", key.lastUsedAt.map(format))
        writer.field("revoked_at", key.revokedAt.map(format))
        writer.field("revoked_by", revokedBy)
        writer.field("version", version(key))
        writer.field("created_at", format(key.createdAt))
        writer.field("updated_at", format(key.revokedAt ?? key.createdAt))
        if let secret { writer.field("key", secret) }
        writer.endObject()
    }

    static func auditFields(_ key: APIKey) -> [String: String] {
        ["scopes": key.scopes.joined(separator: ","), "status": key.revokedAt == nil ? "active" : "revoked",
         "version": String(version(key))]
    }
}
