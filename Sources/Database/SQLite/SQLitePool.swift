import Foundation

/// SQLite's pool: one group-committing writer plus several read-only connections.
///
/// Why it exists: in WAL mode readers never block the writer nor each other, and
/// SQLite only ever allows one writer, so writes are funnelled through
/// ``GroupCommitWriter`` while reads run in parallel on their own connections.
final class SQLitePool: PoolImplementation {
    let writer: GroupCommitWriter
    private let readers: BlockingPool<SQLiteConnection>

    init(path: String, configuration: DatabaseConfiguration) throws {
        var settings = SQLiteConnection.Settings()
        settings.busyTimeoutMilliseconds = configuration.sqliteBusyTimeoutMilliseconds
        settings.statementCacheCapacity = configuration.statementCacheCapacity
        // The writer opens first: it creates the file and switches it to WAL.
        writer = GroupCommitWriter(connection: try SQLiteConnection(path: path, settings: settings),
                                   maxBatch: configuration.sqliteMaxGroupCommitBatch)
        var readerSettings = settings
        readerSettings.readOnly = true
        readers = BlockingPool(
            capacity: configuration.sqliteReaderCount,
            acquireTimeout: configuration.acquireTimeoutSeconds,
            make: { try SQLiteConnection(path: path, settings: readerSettings) },
            prepareForReuse: { connection in
                if connection.isInTransaction || !connection.isAutocommit { connection.rollbackQuietly() }
                return connection.isAutocommit
            },
            close: { $0.close() })
    }

    func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try readers.with { try body($0) }
    }

    /// Isolation is irrelevant (SQLite is serializable); retries happen inside the writer.
    func write<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.submit(body)
    }

    func withConnection<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try writer.exclusive(body)
    }

    func close() {
        writer.stop()
        readers.close()
    }
}
