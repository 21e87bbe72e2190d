import Database
import Domain
import Foundation

/// What a valid bearer token proves: the staff member it was issued to, and until when.
public struct AccessTokenGrant: Sendable, Hashable {
    /// The account as it is now (check `isActive`: deactivation does not delete tokens).
    public let staff: Staff
    public let createdAt: Date
    public let expiresAt: Date
}

/// Staff session tokens in `access_tokens`, stored only as their SHA-256 digest.
///
/// Why it exists: the server never keeps a token it could leak; the API hashes what the client
/// presents (`TokenDigest.sha256`) and looks the digest up. Expired and revoked tokens are
/// never returned, so a lookup either proves the caller or finds nothing (401).
public struct AccessTokenRepository {
    let connection: any SQLConnection

    /// Records a token issued to `staffID`; `digest` is the SHA-256 hex of the token.
    public func insert(digest: String, staffID: StaffID, createdAt: Date, expiresAt: Date) throws {
        try mappingConflicts([("digest", "digest"), ("pkey", "digest")]) {
            try connection.execute("""
                INSERT INTO access_tokens (digest, staff_id, kind, created_at, expires_at, revoked_at)
                VALUES (?, ?, 'session', ?, ?, NULL)
                """, [.text(digest), .text(staffID.rawValue), .instant(createdAt), .instant(expiresAt)])
        }
    }

    /// The grant for `digest` if the token exists, is not revoked and has not expired at `now`.
    public func lookup(digest: String, at now: Date) throws -> AccessTokenGrant? {
        guard let row = try connection.queryFirst("""
            SELECT t.created_at AS token_created_at, t.expires_at AS token_expires_at, \(Self.staffColumns)
            FROM access_tokens t JOIN staff s ON s.id = t.staff_id
            WHERE t.digest = ? AND t.revoked_at IS NULL AND t.expires_at > ?
            """, [.text(digest), .instant(now)]) else { return nil }
        return AccessTokenGrant(staff: try StaffRepository.decode(row).staff,
                                createdAt: try row.instant("token_created_at"),
                                expiresAt: try row.instant("token_expires_at"))
    }

    /// Revokes one token; false if it does not exist or was already revoked.
    @discardableResult
    public func revoke(digest: String, at now: Date) throws -> Bool {
        try connection.execute("UPDATE access_tokens SET revoked_at = ? WHERE digest = ? AND revoked_at IS NULL",
                               [.instant(now), .text(digest)]) == 1
    }

    /// Revokes every live token of a staff member (deactivation, password change); returns how many.
    @discardableResult
    public func revokeAll(staffID: StaffID, at now: Date) throws -> Int {
        try connection.execute("UPDATE access_tokens SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL",
                               [.instant(now), .text(staffID.rawValue)])
    }

    /// Deletes tokens that expired before `cutoff` (housekeeping); returns how many.
    @discardableResult
    public func deleteExpired(before cutoff: Date) throws -> Int {
        try connection.execute("DELETE FROM access_tokens WHERE expires_at < ?", [.instant(cutoff)])
    }

    private static let staffColumns = StaffRepository.columns.split(separator: ",")
        .map { "s.\($0.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", ")
}
