import Database

/// What went wrong in storage, in the few categories the HTTP layer answers differently.
///
/// Why it exists: handlers must not learn SQLite result codes, PostgreSQL SQLSTATEs or even
/// ``DatabaseError`` kinds; they map a ``Code`` to a status in one place (`conflict` → 409,
/// `versionMismatch` → 412, `notFound` → 404, `invalidCursor` → 400, `unavailable` → 503,
/// anything else → 500). A growable struct, so new codes do not break callers' switches.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    /// A stable category.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// A unique value is already taken; ``StoreError/field`` names it (`username`, `nip`, …).
        public static let conflict = Code("conflict")
        /// The row to change does not exist.
        public static let notFound = Code("notFound")
        /// The row changed since the caller read it (`If-Match` failed).
        public static let versionMismatch = Code("versionMismatch")
        /// The database cannot be reached or the pool is exhausted or closed.
        public static let unavailable = Code("unavailable")
        /// A pagination cursor was malformed or belongs to another list.
        public static let invalidCursor = Code("invalidCursor")
        /// The database schema is newer than this program.
        public static let schemaTooNew = Code("schemaTooNew")
        /// A stored value could not be read back into a domain value.
        public static let corruptData = Code("corruptData")
        /// Any other database failure (a bug or an operational problem; logged, 500).
        public static let `internal` = Code("internal")
    }

    public var code: Code
    /// The client-facing field a ``Code/conflict`` is about.
    public var field: String?
    /// For logs, not for clients.
    public var message: String
    /// The database error behind this one, when there was one.
    public var underlying: DatabaseError?

    public init(_ code: Code, _ message: String, field: String? = nil, underlying: DatabaseError? = nil) {
        self.code = code
        self.message = message
        self.field = field
        self.underlying = underlying
    }

    public var description: String {
        var text = "StoreError.\(code): \(message)"
        if let field { text += " [field \(field)]" }
        if let underlying { text += " (\(underlying))" }
        return text
    }

    /// The store-level meaning of a database error. Unique violations become conflicts on the
    /// field whose name appears in the violated constraint (`fieldsByConstraintWord`: a word of
    /// the constraint or column list → the API field).
    static func from(_ error: DatabaseError, fieldsByConstraintWord: [(String, String)] = []) -> StoreError {
        switch error.kind {
        case .uniqueViolation:
            let constraint = error.constraint ?? error.message
            let field = fieldsByConstraintWord.first { constraint.contains($0.0) }?.1
            return StoreError(.conflict, "a unique value is already taken", field: field, underlying: error)
        case .unavailable:
            return StoreError(.unavailable, "the database is unavailable", underlying: error)
        case .schemaTooNew:
            return StoreError(.schemaTooNew, error.message, underlying: error)
        case .typeMismatch:
            return StoreError(.corruptData, "a stored value has an unexpected type", underlying: error)
        default:
            return StoreError(.internal, "database failure", underlying: error)
        }
    }
}

/// Runs `body`, turning a unique violation into a ``StoreError`` conflict naming the field.
/// Other database errors pass through unchanged, so the pool can still retry serialization
/// failures; ``KlipsoStore`` maps them at its boundary.
@discardableResult
func mappingConflicts<T>(_ fields: [(String, String)], _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DatabaseError where error.kind == .uniqueViolation {
        throw StoreError.from(error, fieldsByConstraintWord: fields)
    }
}
