/// Maps PostgreSQL SQLSTATE codes to ``DatabaseError`` kinds.
enum PostgresErrorMapping {
    static func kind(sqlState: String?, connectionBroken: Bool) -> DatabaseError.Kind {
        guard let sqlState else { return connectionBroken ? .unavailable : .other }
        switch sqlState {
        case "23505": return .uniqueViolation
        case "23503": return .foreignKeyViolation
        case "23514": return .checkViolation
        case "23502": return .notNullViolation
        case "40001", "40P01", "55P03": return .serializationFailure
        case "57P01", "57P02", "57P03", "53300": return .unavailable
        default: break
        }
        if sqlState.hasPrefix("08") || connectionBroken { return .unavailable }
        return .other
    }
}
