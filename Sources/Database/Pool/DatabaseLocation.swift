import Foundation

/// Where a database lives, parsed from the `KLIPSO_DATABASE`-style URL.
///
/// Why it exists: one string selects the backend — `sqlite:///abs/path.db` or a
/// plain file path for SQLite, `postgres://…`/`postgresql://…` (a libpq
/// connection URI, passed through untouched) for PostgreSQL.
public enum DatabaseLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(conninfo: String)

    public init(url: String) throws {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        if trimmed.hasPrefix("postgres://") || trimmed.hasPrefix("postgresql://") {
            self = .postgres(conninfo: trimmed)
        } else if trimmed.hasPrefix("sqlite://") {
            let path = String(trimmed.dropFirst("sqlite://".count))
            guard path.hasPrefix("/") else {
                throw DatabaseError(.misuse, "a sqlite URL needs an absolute path (sqlite:///abs/path.db), got \(url)")
            }
            self = .sqlite(path: path)
        } else if trimmed.isEmpty || trimmed.contains("://") {
            throw DatabaseError(.misuse, "unsupported database URL '\(url)': use sqlite:///path, a file path, or postgresql://…")
        } else {
            self = .sqlite(path: trimmed)
        }
    }

    public var backend: DatabaseBackend {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}
