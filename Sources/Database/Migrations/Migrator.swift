import Foundation

/// Brings a database's schema up to date, and refuses one that is newer.
///
/// Why it exists: every server instance runs it at start-up. Each pending
/// migration is applied in its own transaction together with its row in
/// `schema_migrations(version, name, applied_at)`, so a crash never leaves a
/// half-applied step. On PostgreSQL each step first takes a transaction-scoped
/// advisory lock, so two instances starting at once apply each step once; on
/// SQLite `BEGIN IMMEDIATE` serialises them. A database whose version is higher
/// than the newest known migration makes `migrate` throw ``DatabaseError/Kind/schemaTooNew``:
/// an old server must not write to a schema it does not understand.
public enum Migrator {
    /// `applied_at` is microseconds since the Unix epoch (the timestamp convention).
    static let table = "schema_migrations"
    static let advisoryLockKey: Int64 = 0x4B4C_4950_534F

    /// Applies every pending migration in version order; returns the versions applied now.
    @discardableResult
    public static func migrate(_ pool: DatabasePool, _ migrations: [Migration]) throws -> [Int] {
        let ordered = try validated(migrations)
        let newest = ordered.last?.version ?? 0
        return try pool.withConnection { connection in
            let applied = try connection.transaction { connection in
                try prepare(connection, newest: newest)
                return try appliedVersions(connection)
            }
            var appliedNow: [Int] = []
            for migration in ordered where !applied.contains(migration.version) {
                let didApply = try connection.transaction { connection in
                    try prepare(connection, newest: newest)
                    // Another instance may have applied it while we waited for the lock.
                    guard try !appliedVersions(connection).contains(migration.version) else { return false }
                    try apply(migration, on: connection)
                    return true
                }
                if didApply { appliedNow.append(migration.version) }
            }
            return appliedNow
        }
    }

    /// The highest applied version, or 0 for a database never migrated.
    public static func currentVersion(_ pool: DatabasePool) throws -> Int {
        try pool.read { connection in
            guard try tableExists(connection) else { return 0 }
            return Int(try connection.queryFirst("SELECT MAX(version) AS version FROM \(table)")?.optionalInt("version") ?? 0)
        }
    }

    private static func validated(_ migrations: [Migration]) throws -> [Migration] {
        let ordered = migrations.sorted { $0.version < $1.version }
        for (previous, next) in zip(ordered, ordered.dropFirst()) where previous.version == next.version {
            throw DatabaseError(.misuse, "two migrations share version \(next.version): '\(previous.name)' and '\(next.name)'")
        }
        if let first = ordered.first, first.version <= 0 {
            throw DatabaseError(.misuse, "migration versions must be positive; '\(first.name)' has \(first.version)")
        }
        return ordered
    }

    /// Locks (PostgreSQL), creates the bookkeeping table, and checks the schema is not newer than us.
    private static func prepare(_ connection: any SQLConnection, newest: Int) throws {
        if connection.backend == .postgres {
            _ = try connection.query("SELECT pg_advisory_xact_lock(?)", [.integer(advisoryLockKey)])
        }
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS \(table) (
                version BIGINT PRIMARY KEY,
                name TEXT NOT NULL,
                applied_at BIGINT NOT NULL
            )
            """)
        let current = Int(try connection.queryFirst("SELECT MAX(version) AS version FROM \(table)")?.optionalInt("version") ?? 0)
        if current > newest {
            throw DatabaseError(.schemaTooNew, "the database schema is at version \(current) but this program only knows migrations up to \(newest); refusing to use a newer schema")
        }
    }

    private static func appliedVersions(_ connection: any SQLConnection) throws -> Set<Int> {
        Set(try connection.query("SELECT version FROM \(table)").map { Int(try $0.int(0)) })
    }

    private static func apply(_ migration: Migration, on connection: any SQLConnection) throws {
        for statement in migration.statements(for: connection.backend) {
            do {
                try connection.execute(statement)
            } catch var error as DatabaseError {
                error.message = "migration \(migration.version) '\(migration.name)' failed: \(error.message)"
                throw error
            }
        }
        let now = Int64(Date().timeIntervalSince1970 * 1_000_000)
        try connection.execute("INSERT INTO \(table) (version, name, applied_at) VALUES (?, ?, ?)",
                               [.integer(Int64(migration.version)), .text(migration.name), .integer(now)])
    }

    private static func tableExists(_ connection: any SQLConnection) throws -> Bool {
        switch connection.backend {
        case .sqlite:
            return try connection.queryFirst("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table)]) != nil
        case .postgres:
            return try connection.queryFirst("SELECT to_regclass(?) IS NOT NULL AS present", [.text(table)])?.bool("present") ?? false
        }
    }
}
