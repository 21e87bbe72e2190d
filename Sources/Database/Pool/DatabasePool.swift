/// The entry point: a bounded, thread-safe pool of connections to one database.
///
/// Why it exists: handlers on many threads share few connections, and the right
/// write strategy differs per engine — SQLite group-commits all writes through one
/// writer thread; PostgreSQL gives each write its own transaction on a pooled
/// connection and reconnects after an outage. Callers see one API.
///
/// - ``read(_:)``: a connection for reads (no implicit transaction; use
///   `conn.transaction(.init(readOnly: true))` for a consistent snapshot).
/// - ``write(_:_:)``: `body` runs atomically and durably: it returns only after
///   the commit including it reached disk. On failure nothing of it is kept.
///   It may run more than once (retries), so it must only touch the database,
///   and must not block on other threads' writes.
/// - ``withConnection(_:)``: raw access with no implicit transaction (SQLite: the
///   writer connection, exclusively). For migrations and maintenance.
///
/// Do not nest pool calls on one thread (a `read` inside a `write`, …): on
/// PostgreSQL each holds its own connection and a small pool can run dry. The
/// exceptions are safe: a `write` inside a SQLite `write` or `withConnection`
/// joins the enclosing connection. Call ``close()`` when done; it stops the
/// SQLite writer thread.
public final class DatabasePool: Sendable {
    public let backend: DatabaseBackend
    let implementation: any PoolImplementation

    /// Opens a pool for `url` (see ``DatabaseLocation``). SQLite files are created;
    /// PostgreSQL connections are made lazily, so a server that is down surfaces
    /// as `unavailable` errors on use, not here.
    public static func open(url: String, configuration: DatabaseConfiguration = .init()) throws -> DatabasePool {
        try DatabasePool(location: DatabaseLocation(url: url), configuration: configuration)
    }

    public init(location: DatabaseLocation, configuration: DatabaseConfiguration = .init()) throws {
        backend = location.backend
        switch location {
        case .sqlite(let path):
            implementation = try SQLitePool(path: path, configuration: configuration)
        case .postgres(let conninfo):
            implementation = PostgresPool(conninfo: conninfo, configuration: configuration)
        }
    }

    @discardableResult
    public func read<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try implementation.read(body)
    }

    @discardableResult
    public func write<T>(_ options: TransactionOptions = .default, _ body: (any SQLConnection) throws -> T) throws -> T {
        try implementation.write(options, body)
    }

    @discardableResult
    public func withConnection<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        try implementation.withConnection(body)
    }

    /// Finishes queued writes and closes every connection. Later calls throw `unavailable`.
    public func close() {
        implementation.close()
    }
}
