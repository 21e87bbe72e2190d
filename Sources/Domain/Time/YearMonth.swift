/// A calendar month of a year, such as the appointment month encoded in a NIP.
///
/// Exists because a NIP records appointment to the civil service only to the month; using a
/// `LocalDate` on the first of the month would invent a day that was never stated.
public struct YearMonth: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int

    /// Nil unless the month is 1…12 and the year 1…9999.
    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year
        self.month = month
    }

    public init(_ date: LocalDate) {
        self.year = date.year
        self.month = date.month
    }

    /// Months since year 0, for ordering and "n years later" comparisons.
    public var monthCount: Int { year * 12 + (month - 1) }

    public var description: String {
        ASCIIDigits.padded(year, width: 4) + "-" + ASCIIDigits.padded(month, width: 2)
    }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.monthCount < rhs.monthCount }
}
