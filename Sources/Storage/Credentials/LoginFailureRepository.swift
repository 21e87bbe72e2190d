import Cryptography
import Database
import Foundation

/// Failed-login counters in fixed one-minute windows, shared by every instance using the
/// same database.
///
/// Why it exists: the contract allows at most 10 failed logins a minute per client address
/// and per username, across all instances. Each failure is one atomic upsert that returns the
/// new count, so concurrent failures never lose an increment. Keys (a username, an address)
/// are stored only as SHA-256 digests: the table holds no personal data.
public struct LoginFailureRepository {
    let connection: any SQLConnection
    /// The length of one counting window.
    public static let windowMicroseconds: Int64 = 60_000_000

    /// Counts one failure for `key` in the window containing `now`; returns the window's count
    /// including this failure.
    @discardableResult
    public func recordFailure(key: String, at now: Date) throws -> Int {
        let row = try connection.queryFirst("""
            INSERT INTO login_failures (bucket_key, window_start, failure_count) VALUES (?, ?, 1)
            ON CONFLICT (bucket_key, window_start) DO UPDATE SET failure_count = login_failures.failure_count + 1
            RETURNING failure_count
            """, [.text(Self.bucket(key)), .integer(Self.windowStart(now))])
        return Int(try row?.int("failure_count") ?? 1)
    }

    /// Failures of `key` in the window containing `now`.
    public func failureCount(key: String, at now: Date) throws -> Int {
        Int(try connection.queryFirst("""
            SELECT failure_count FROM login_failures WHERE bucket_key = ? AND window_start = ?
            """, [.text(Self.bucket(key)), .integer(Self.windowStart(now))])?.int("failure_count") ?? 0)
    }

    /// Failures of `key` in every window that starts at or after the one containing `since`.
    public func recentFailureCount(key: String, since: Date) throws -> Int {
        Int(try connection.queryFirst("""
            SELECT COALESCE(SUM(failure_count), 0) AS total FROM login_failures
            WHERE bucket_key = ? AND window_start >= ?
            """, [.text(Self.bucket(key)), .integer(Self.windowStart(since))])?.int("total") ?? 0)
    }

    /// When the window containing `now` ends (for `Retry-After`).
    public static func windowEnd(containing now: Date) -> Date {
        Date(microsecondsSinceEpoch: windowStart(now) + windowMicroseconds)
    }

    /// Forgets the failures of `key` (e.g. after a successful login).
    public func clear(key: String) throws {
        try connection.execute("DELETE FROM login_failures WHERE bucket_key = ?", [.text(Self.bucket(key))])
    }

    /// Deletes windows that started before `cutoff`; returns how many rows went.
    @discardableResult
    public func prune(before cutoff: Date) throws -> Int {
        try connection.execute("DELETE FROM login_failures WHERE window_start < ?", [.integer(Self.windowStart(cutoff))])
    }

    static func windowStart(_ instant: Date) -> Int64 {
        let micros = instant.microsecondsSinceEpoch
        let remainder = micros % windowMicroseconds
        return micros - (remainder < 0 ? remainder + windowMicroseconds : remainder)
    }

    static func bucket(_ key: String) -> String { SHA256.hexDigest(key) }
}
