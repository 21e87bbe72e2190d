import Database
import Domain
import Foundation

// The storage conventions in one place: instants are BIGINT microseconds since the Unix
// epoch (UTC), office-local dates are BIGINT days since 1970-01-01 (they compare and index
// as integers on both engines, whatever the database collation), booleans are 0/1.

extension Date {
    /// Microseconds since the Unix epoch, rounded to the nearest microsecond.
    var microsecondsSinceEpoch: Int64 {
        Int64((timeIntervalSince1970 * 1_000_000).rounded())
    }

    init(microsecondsSinceEpoch micros: Int64) {
        self.init(timeIntervalSince1970: Double(micros) / 1_000_000)
    }
}

extension SQLValue {
    static func instant(_ date: Date) -> SQLValue { .integer(date.microsecondsSinceEpoch) }
    static func instant(_ date: Date?) -> SQLValue { date.map { .instant($0) } ?? .null }
    static func day(_ date: LocalDate) -> SQLValue { .integer(Int64(date.daysSinceEpoch)) }
    static func day(_ date: LocalDate?) -> SQLValue { date.map { .day($0) } ?? .null }
    static func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }
}

extension SQLRow {
    func instant(_ column: String) throws -> Date {
        Date(microsecondsSinceEpoch: try int(column))
    }

    func optionalInstant(_ column: String) throws -> Date? {
        try optionalInt(column).map { Date(microsecondsSinceEpoch: $0) }
    }

    func day(_ column: String) throws -> LocalDate {
        guard let date = try optionalDay(column) else {
            throw StoreError(.corruptData, "column '\(column)' is NULL but a date was required")
        }
        return date
    }

    func optionalDay(_ column: String) throws -> LocalDate? {
        guard let days = try optionalInt(column) else { return nil }
        guard let date = LocalDate(daysSinceEpoch: Int(days)) else {
            throw StoreError(.corruptData, "column '\(column)' holds \(days), not a day since 1970-01-01")
        }
        return date
    }

    /// Parses a stored string with a domain validator, reporting corrupt data with context.
    func parsed<T>(_ column: String, _ parse: (String) throws -> T) throws -> T {
        let text = try string(column)
        do {
            return try parse(text)
        } catch {
            throw StoreError(.corruptData, "column '\(column)' holds an invalid value: \(error)")
        }
    }

    func optionalParsed<T>(_ column: String, _ parse: (String) throws -> T) throws -> T? {
        guard try optionalString(column) != nil else { return nil }
        return try parsed(column, parse)
    }

    func intValue(_ column: String) throws -> Int { Int(try int(column)) }
}
