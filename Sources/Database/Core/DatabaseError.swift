/// The one error type thrown by this module, whatever the backend.
///
/// Why it exists: callers (repositories, the HTTP layer) must react to *what went
/// wrong* — a duplicate key is a 409, an unreachable server a 503, a
/// serialization failure a retry — without knowing SQLite result codes or
/// PostgreSQL SQLSTATEs. ``Kind`` is a growable struct rather than an enum so new
/// kinds do not break exhaustive switches elsewhere.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// What category of failure this is.
    public struct Kind: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A UNIQUE or PRIMARY KEY constraint rejected the write (HTTP 409).
        public static let uniqueViolation = Kind("uniqueViolation")
        /// A FOREIGN KEY constraint rejected the write.
        public static let foreignKeyViolation = Kind("foreignKeyViolation")
        /// A CHECK constraint rejected the write.
        public static let checkViolation = Kind("checkViolation")
        /// A NOT NULL constraint rejected the write.
        public static let notNullViolation = Kind("notNullViolation")
        /// A concurrent transaction conflicted (PostgreSQL 40001/40P01, SQLite BUSY/LOCKED); retrying may succeed.
        public static let serializationFailure = Kind("serializationFailure")
        /// The database cannot be reached, the connection was lost, or the pool is closed/exhausted (HTTP 503).
        public static let unavailable = Kind("unavailable")
        /// A row value did not have the type the caller asked for, or a column does not exist.
        public static let typeMismatch = Kind("typeMismatch")
        /// The database schema is newer than the newest migration this program knows.
        public static let schemaTooNew = Kind("schemaTooNew")
        /// The API was used wrongly (wrong parameter count, bad URL, …): a programming error.
        public static let misuse = Kind("misuse")
        /// Anything else (syntax errors, disk full, …).
        public static let other = Kind("other")
    }

    public var kind: Kind
    /// The engine's message (or ours), meant for logs, not for end users.
    public var message: String
    /// The violated constraint: the PostgreSQL constraint name, or SQLite's
    /// `table.column` list taken from its message. `nil` when unknown.
    public var constraint: String?
    /// The PostgreSQL SQLSTATE or the SQLite extended result code, as text.
    public var code: String?
    /// The statement that failed, when there was one.
    public var sql: String?

    public init(_ kind: Kind, _ message: String, constraint: String? = nil, code: String? = nil, sql: String? = nil) {
        self.kind = kind
        self.message = message
        self.constraint = constraint
        self.code = code
        self.sql = sql
    }

    /// True when running the same transaction again may succeed.
    public var isRetryable: Bool { kind == .serializationFailure }

    public var description: String {
        var text = "DatabaseError.\(kind): \(message)"
        if let constraint { text += " [constraint \(constraint)]" }
        if let code { text += " [code \(code)]" }
        if let sql { text += " [sql: \(sql.prefix(200))]" }
        return text
    }
}
