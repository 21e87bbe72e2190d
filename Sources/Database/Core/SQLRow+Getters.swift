// Typed getters. Each comes by name and by index, and in an optional variant
// that maps SQL NULL to nil; the non-optional variant throws on NULL.
extension SQLRow {
    public func int(_ name: String) throws -> Int64 { try required(optionalInt(name), name) }
    public func int(_ index: Int) throws -> Int64 { try required(optionalInt(index), columnName(index)) }
    public func optionalInt(_ name: String) throws -> Int64? { try Self.integer(value(name), name) }
    public func optionalInt(_ index: Int) throws -> Int64? { try Self.integer(value(index), columnName(index)) }

    /// Accepts `.real` and, losslessly widened, `.integer` (SQLite may store a whole REAL as integer text).
    public func double(_ name: String) throws -> Double { try required(optionalDouble(name), name) }
    public func double(_ index: Int) throws -> Double { try required(optionalDouble(index), columnName(index)) }
    public func optionalDouble(_ name: String) throws -> Double? { try Self.real(value(name), name) }
    public func optionalDouble(_ index: Int) throws -> Double? { try Self.real(value(index), columnName(index)) }

    public func string(_ name: String) throws -> String { try required(optionalString(name), name) }
    public func string(_ index: Int) throws -> String { try required(optionalString(index), columnName(index)) }
    public func optionalString(_ name: String) throws -> String? { try Self.text(value(name), name) }
    public func optionalString(_ index: Int) throws -> String? { try Self.text(value(index), columnName(index)) }

    public func blob(_ name: String) throws -> [UInt8] { try required(optionalBlob(name), name) }
    public func blob(_ index: Int) throws -> [UInt8] { try required(optionalBlob(index), columnName(index)) }
    public func optionalBlob(_ name: String) throws -> [UInt8]? { try Self.bytes(value(name), name) }
    public func optionalBlob(_ index: Int) throws -> [UInt8]? { try Self.bytes(value(index), columnName(index)) }

    /// The boolean convention: integer 0 or 1 (anything else is a type mismatch).
    public func bool(_ name: String) throws -> Bool { try required(optionalBool(name), name) }
    public func bool(_ index: Int) throws -> Bool { try required(optionalBool(index), columnName(index)) }
    public func optionalBool(_ name: String) throws -> Bool? { try Self.boolean(value(name), name) }
    public func optionalBool(_ index: Int) throws -> Bool? { try Self.boolean(value(index), columnName(index)) }

    private func required<T>(_ value: T?, _ column: String) throws -> T {
        guard let value else { throw DatabaseError(.typeMismatch, "column '\(column)' is NULL but a value was required") }
        return value
    }

    private static func mismatch(_ value: SQLValue, _ column: String, _ wanted: String) -> DatabaseError {
        DatabaseError(.typeMismatch, "column '\(column)' holds \(value.typeName) \(value), not \(wanted)")
    }

    private static func integer(_ value: SQLValue, _ column: String) throws -> Int64? {
        switch value {
        case .null: return nil
        case .integer(let number): return number
        default: throw mismatch(value, column, "integer")
        }
    }

    private static func real(_ value: SQLValue, _ column: String) throws -> Double? {
        switch value {
        case .null: return nil
        case .real(let number): return number
        case .integer(let number): return Double(number)
        default: throw mismatch(value, column, "real")
        }
    }

    private static func text(_ value: SQLValue, _ column: String) throws -> String? {
        switch value {
        case .null: return nil
        case .text(let string): return string
        default: throw mismatch(value, column, "text")
        }
    }

    private static func bytes(_ value: SQLValue, _ column: String) throws -> [UInt8]? {
        switch value {
        case .null: return nil
        case .blob(let bytes): return bytes
        default: throw mismatch(value, column, "blob")
        }
    }

    private static func boolean(_ value: SQLValue, _ column: String) throws -> Bool? {
        switch value {
        case .null: return nil
        case .integer(0): return false
        case .integer(1): return true
        default: throw mismatch(value, column, "boolean (integer 0 or 1)")
        }
    }
}
