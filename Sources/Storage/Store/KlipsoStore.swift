import Database
import Domain

/// KLIPSO's database: the schema brought up to date, and transactions that expose
/// repositories bound to one connection.
///
/// Why it exists: handlers need "do these reads" and "make this change and its audit event
/// durable together" without choosing connections, isolation or SQL dialects. ``write(requestID:actor:_:)``
/// runs its body in one durable transaction (SQLite: group-committed `BEGIN IMMEDIATE`;
/// PostgreSQL: `READ COMMITTED` with the locks each repository needs), so a change and the
/// ``AuditEvent`` appended with it commit together or not at all. The body may run more than
/// once when the database reports a serialization failure, so it must only touch the
/// database. ``read(_:)`` runs in a read-only transaction: a consistent snapshot, and a write
/// attempted through a reader fails.
///
/// Database failures leave as ``StoreError`` (`unavailable` → 503, `conflict` → 409, …);
/// errors thrown by the body itself (e.g. `OfficerAssignmentError`) pass through untouched.
public final class KlipsoStore: Sendable {
    public let pool: DatabasePool
    /// Makes audit event ids.
    let ids: any IdentifierGenerating

    public var backend: DatabaseBackend { pool.backend }

    /// Opens the database at `url` (`sqlite:///path`, a file path, or `postgresql://…`) and
    /// applies pending migrations; refuses (``StoreError/Code/schemaTooNew``) a schema newer
    /// than ``KlipsoSchema/currentVersion``.
    public static func open(url: String, configuration: DatabaseConfiguration = .init()) throws -> KlipsoStore {
        let pool: DatabasePool
        do {
            pool = try DatabasePool.open(url: url, configuration: configuration)
        } catch let error as DatabaseError {
            throw StoreError.from(error)
        }
        do {
            return try KlipsoStore(pool: pool)
        } catch {
            pool.close()
            throw error
        }
    }

    /// Takes over `pool` (closed by ``close()``) and migrates it.
    public init(pool: DatabasePool, ids: any IdentifierGenerating = TimeOrderedIdentifierGenerator()) throws {
        self.pool = pool
        self.ids = ids
        try Self.mapped { try Migrator.migrate(pool, KlipsoSchema.migrations) }
    }

    /// Runs `body` in a read-only transaction.
    @discardableResult
    public func read<T>(_ body: (StoreReader) throws -> T) throws -> T {
        try Self.mapped {
            try pool.read { connection in
                try connection.transaction(TransactionOptions(readOnly: true)) { connection in
                    try body(StoreReader(connection: connection))
                }
            }
        }
    }

    /// Runs `body` in one durable read-write transaction on behalf of `actor` for the HTTP
    /// request `requestID`; audit events appended through the writer carry both.
    @discardableResult
    public func write<T>(requestID: String?, actor: AuditActor, _ body: (StoreWriter) throws -> T) throws -> T {
        try Self.mapped {
            try pool.write { connection in
                try body(StoreWriter(connection: connection, requestID: requestID, actor: actor, ids: ids))
            }
        }
    }

    /// True when the database answers a trivial query (`GET /ready`).
    public func isReachable() -> Bool {
        (try? pool.read { try $0.queryFirst("SELECT 1 AS one") }) != nil
    }

    /// The schema version the database is at.
    public func schemaVersion() throws -> Int {
        try Self.mapped { try Migrator.currentVersion(pool) }
    }

    /// Finishes queued writes and closes every connection.
    public func close() {
        pool.close()
    }

    @discardableResult
    static func mapped<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.from(error)
        }
    }
}
