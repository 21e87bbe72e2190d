/// A calendar day with no time and no zone, written `YYYY-MM-DD`.
///
/// Decrees, tenures and assignment periods are days, not instants: "effective from 1 March"
/// means the whole of that day in the office's zone. Keeping them as plain days (instead of
/// `Date` at some midnight) removes a whole class of off-by-a-zone bugs; turning a day into
/// instants is done in one place, `OfficeTimeZone`.
///
/// Arithmetic is done on a proleptic Gregorian day count, independent of Foundation.
public struct LocalDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless the triple is a real Gregorian date in years 1…9999.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...LocalDate.daysInMonth(year: year, month: month)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Strict `YYYY-MM-DD` (ASCII digits, exactly ten characters); nil for anything else.
    public init?(iso8601 text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = ASCIIDigits.value(bytes[0..<4]),
              let month = ASCIIDigits.value(bytes[5..<7]),
              let day = ASCIIDigits.value(bytes[8..<10]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses an API date field, recording a field error when it is not a real `YYYY-MM-DD`.
    public static func parse(_ text: String, field: String) throws(ValidationError) -> LocalDate {
        guard let date = LocalDate(iso8601: text) else {
            throw ValidationError(field: field, code: "\(field).format",
                                  message: "must be a real calendar date written YYYY-MM-DD")
        }
        return date
    }

    public var description: String { iso8601 }

    public var iso8601: String {
        ASCIIDigits.padded(year, width: 4) + "-" + ASCIIDigits.padded(month, width: 2) + "-"
            + ASCIIDigits.padded(day, width: 2)
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}

extension LocalDate {
    /// Days since 1970-01-01 (negative before it). Howard Hinnant's `days_from_civil`.
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthIndex = (month + 9) % 12
        let dayOfYear = (153 * monthIndex + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The date a number of days since 1970-01-01 names; nil outside years 1…9999.
    public init?(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// This date moved by `days` (negative goes back). Traps only beyond years 1…9999.
    public func adding(days: Int) -> LocalDate {
        guard let date = LocalDate(daysSinceEpoch: daysSinceEpoch + days) else {
            preconditionFailure("LocalDate arithmetic left years 1...9999")
        }
        return date
    }
}

extension LocalDate: Codable {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = LocalDate(iso8601: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "not a YYYY-MM-DD date"))
        }
        self = date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
