/// One numbered step of schema evolution.
///
/// Why it exists: the schema must be created and upgraded the same way on both
/// backends, in order, exactly once per database. Most migrations use the same
/// SQL everywhere; where the dialects differ (e.g. `BLOB` vs `BYTEA`) give each
/// backend its own statements.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    private let sqliteStatements: [String]
    private let postgresStatements: [String]

    /// The same statements on both backends.
    public init(version: Int, name: String, sql: [String]) {
        self.init(version: version, name: name, sqlite: sql, postgres: sql)
    }

    public init(version: Int, name: String, sqlite: [String], postgres: [String]) {
        self.version = version
        self.name = name
        self.sqliteStatements = sqlite
        self.postgresStatements = postgres
    }

    public func statements(for backend: DatabaseBackend) -> [String] {
        switch backend {
        case .sqlite: sqliteStatements
        case .postgres: postgresStatements
        }
    }
}
