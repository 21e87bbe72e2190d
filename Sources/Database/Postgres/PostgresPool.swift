/// PostgreSQL's pool: N connections, each write in its own transaction.
///
/// Why it exists: PostgreSQL already group-commits concurrent transactions, so
/// writes simply run in parallel. Broken connections are dropped on check-in and
/// replaced lazily (surfacing `unavailable` while the server is down); a
/// connection left in a transaction is rolled back before anyone else gets it.
final class PostgresPool: PoolImplementation {
    private let connections: BlockingPool<PostgresConnection>

    init(conninfo: String, configuration: DatabaseConfiguration) {
        connections = BlockingPool(
            capacity: configuration.maxConnections,
            acquireTimeout: configuration.acquireTimeoutSeconds,
            make: {
                try PostgresConnection(conninfo: conninfo,
                                       connectTimeoutSeconds: configuration.connectTimeoutSeconds,
                                       statementCacheCapacity: configuration.statementCacheCapacity,
                                       usePreparedStatements: configuration.postgresPreparedStatements)
            },
            prepareForReuse: { $0.prepareForReuse() },
            close: { $0.close() })
    }

    /// A read that fails because its connection died is run once more on a fresh
    /// connection, so a server restart is invisible to readers once it is back.
    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        do {
            return try connections.with { try body($0) }
        } catch let error as DatabaseError where error.kind == .unavailable && error.code != BlockingPool<PostgresConnection>.poolErrorCode {
            return try connections.with { try body($0) }
        }
    }

    func write<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        try connections.with { try $0.transaction(options, body) }
    }

    func withConnection<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try connections.with { try body($0) }
    }

    func close() { connections.close() }
}
