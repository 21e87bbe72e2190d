import CSQLite

/// Maps SQLite extended result codes to ``DatabaseError`` kinds.
enum SQLiteErrorMapping {
    static func error(code: Int32, message: String, sql: String?) -> DatabaseError {
        let kind = kind(for: code)
        return DatabaseError(kind, message, constraint: constraint(kind: kind, message: message), code: "SQLITE \(code)", sql: sql)
    }

    static func kind(for extendedCode: Int32) -> DatabaseError.Kind {
        switch extendedCode {
        case 2067, 1555: return .uniqueViolation          // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
        case 787: return .foreignKeyViolation             // SQLITE_CONSTRAINT_FOREIGNKEY
        case 275: return .checkViolation                  // SQLITE_CONSTRAINT_CHECK
        case 1299: return .notNullViolation               // SQLITE_CONSTRAINT_NOTNULL
        default: break
        }
        switch extendedCode & 0xFF {
        case SQLITE_BUSY, SQLITE_LOCKED: return .serializationFailure
        case SQLITE_CANTOPEN, SQLITE_NOTADB: return .unavailable
        case SQLITE_MISUSE, SQLITE_RANGE: return .misuse
        default: return .other
        }
    }

    /// SQLite names no constraint, but its message ends with the columns or the
    /// CHECK name: "UNIQUE constraint failed: users.email".
    private static func constraint(kind: DatabaseError.Kind, message: String) -> String? {
        guard kind == .uniqueViolation || kind == .checkViolation || kind == .notNullViolation,
              let range = message.range(of: "constraint failed: ") else { return nil }
        return String(message[range.upperBound...])
    }
}
