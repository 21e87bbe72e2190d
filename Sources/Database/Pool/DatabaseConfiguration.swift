/// Tuning for a ``DatabasePool``; every field has a sensible default.
///
/// Why it exists: one configuration struct per component, so the executable only
/// parses settings and wires them in.
public struct DatabaseConfiguration: Sendable {
    /// PostgreSQL: connections in the pool.
    public var maxConnections: Int = 10
    /// SQLite: read-only connections (the single writer is extra).
    public var sqliteReaderCount: Int = 4
    /// SQLite: how long a statement waits for another process's lock.
    public var sqliteBusyTimeoutMilliseconds: Int32 = 5_000
    /// SQLite: the most write units committed together.
    public var sqliteMaxGroupCommitBatch: Int = 512
    /// Prepared statements kept per connection (both backends).
    public var statementCacheCapacity: Int = 128
    /// PostgreSQL: `PQprepare` named statements (true) or `PQexecParams` (false).
    public var postgresPreparedStatements: Bool = true
    /// How long a caller waits for a free connection before an `unavailable` error.
    public var acquireTimeoutSeconds: Double = 10
    /// PostgreSQL `connect_timeout`, unless the URL sets one.
    public var connectTimeoutSeconds: Int = 5

    public init() {}
}
