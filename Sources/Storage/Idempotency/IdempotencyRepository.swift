import Database
import Foundation

/// Idempotency keys in `idempotency_keys`, scoped to a credential.
///
/// Why it exists: a retried `POST` must neither run twice nor race its first attempt, even
/// when the two land on different instances. ``reserve(scope:key:fingerprint:at:expiredBefore:abandonedBefore:)``
/// claims the key with an `INSERT … ON CONFLICT DO NOTHING` that commits before the handler
/// runs (PostgreSQL makes a concurrent insert of the same key wait for the first to commit,
/// then do nothing; SQLite serialises writes), so exactly one request holds a key. The holder
/// then calls ``complete(scope:key:response:)`` (2xx) or ``release(scope:key:)`` (anything else).
public struct IdempotencyRepository {
    let connection: any SQLConnection

    /// Claims `key` for `scope`, or says what already holds it.
    ///
    /// A row created before `expiredBefore` (past retention), or still pending since before
    /// `abandonedBefore` (its instance died mid-request), is taken over as if absent.
    public func reserve(scope: String, key: String, fingerprint: String, at now: Date,
                        expiredBefore: Date, abandonedBefore: Date) throws -> IdempotencyReservation {
        try reserve(scope: scope, key: key, fingerprint: fingerprint, at: now, expiredBefore: expiredBefore,
                    abandonedBefore: abandonedBefore, attemptsLeft: 3)
    }

    private func reserve(scope: String, key: String, fingerprint: String, at now: Date,
                         expiredBefore: Date, abandonedBefore: Date, attemptsLeft: Int) throws -> IdempotencyReservation {
        let inserted = try connection.queryFirst("""
            INSERT INTO idempotency_keys (scope, idempotency_key, fingerprint, state, created_at)
            VALUES (?, ?, ?, 'pending', ?)
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            RETURNING created_at
            """, [.text(scope), .text(key), .text(fingerprint), .instant(now)])
        if inserted != nil { return .reserved }

        guard let row = try connection.queryFirst("""
            SELECT fingerprint, state, created_at, status_code, content_type, location, etag, sealed_body
            FROM idempotency_keys WHERE scope = ? AND idempotency_key = ?
            """, [.text(scope), .text(key)]) else {
            // Deleted (released or pruned) between the two statements: the key is free again.
            guard attemptsLeft > 1 else { return .inFlight }
            return try reserve(scope: scope, key: key, fingerprint: fingerprint, at: now, expiredBefore: expiredBefore,
                               abandonedBefore: abandonedBefore, attemptsLeft: attemptsLeft - 1)
        }
        let createdAt = try row.int("created_at")
        let state = try row.string("state")
        let expired = createdAt < expiredBefore.microsecondsSinceEpoch
        let abandoned = state == "pending" && createdAt < abandonedBefore.microsecondsSinceEpoch
        if expired || abandoned {
            let taken = try connection.execute("""
                UPDATE idempotency_keys SET fingerprint = ?, state = 'pending', created_at = ?, status_code = NULL,
                    content_type = NULL, location = NULL, etag = NULL, sealed_body = NULL
                WHERE scope = ? AND idempotency_key = ? AND created_at = ?
                """, [.text(fingerprint), .instant(now), .text(scope), .text(key), .integer(createdAt)])
            return taken == 1 ? .reserved : .inFlight
        }
        guard try row.string("fingerprint") == fingerprint else { return .fingerprintMismatch }
        guard state == "completed" else { return .inFlight }
        return .completed(StoredResponse(
            statusCode: Int(try row.int("status_code")), contentType: try row.optionalString("content_type"),
            location: try row.optionalString("location"), etag: try row.optionalString("etag"),
            sealedBody: try row.optionalBlob("sealed_body") ?? []))
    }

    /// Stores the response of the request holding `key`, so retries get it back.
    public func complete(scope: String, key: String, response: StoredResponse) throws {
        try connection.execute("""
            UPDATE idempotency_keys SET state = 'completed', status_code = ?, content_type = ?, location = ?,
                etag = ?, sealed_body = ?
            WHERE scope = ? AND idempotency_key = ? AND state = 'pending'
            """, [.integer(Int64(response.statusCode)), .text(response.contentType), .text(response.location),
                  .text(response.etag), .blob(response.sealedBody), .text(scope), .text(key)])
    }

    /// Frees a pending `key` whose request did not succeed, so a retry runs again.
    public func release(scope: String, key: String) throws {
        try connection.execute("""
            DELETE FROM idempotency_keys WHERE scope = ? AND idempotency_key = ? AND state = 'pending'
            """, [.text(scope), .text(key)])
    }

    /// Deletes keys created before `cutoff`; returns how many went.
    @discardableResult
    public func prune(before cutoff: Date) throws -> Int {
        try connection.execute("DELETE FROM idempotency_keys WHERE created_at < ?", [.instant(cutoff)])
    }

    /// How many keys are stored (all scopes), for tests and diagnostics.
    public func count() throws -> Int {
        Int(try connection.queryFirst("SELECT COUNT(*) AS total FROM idempotency_keys")?.int("total") ?? 0)
    }
}
