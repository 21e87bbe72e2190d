import Foundation

/// The time zone in which the office's days begin and end.
///
/// "Today", daily queue numbers, decree dates and assignment periods all follow the office's
/// local calendar. The zone is configuration, not a constant, so another regency (in WITA or
/// WIT) can run the same system — the regulation's replicability principle (art. 7 e).
/// This is the single place where a `LocalDate` meets an instant.
public struct OfficeTimeZone: Sendable, Hashable, CustomStringConvertible {
    /// The default for Ogan Komering Ulu: WIB, UTC+7.
    public static let defaultIdentifier = "Asia/Jakarta"

    public let timeZone: TimeZone
    private let calendar: Calendar

    /// Nil when the identifier is not a known IANA zone.
    public init?(identifier: String) {
        guard let zone = TimeZone(identifier: identifier) else { return nil }
        self.init(zone)
    }

    public init(_ timeZone: TimeZone) {
        self.timeZone = timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        self.calendar = calendar
    }

    /// `Asia/Jakarta`; traps only if the system has no time-zone database at all.
    public static var jakarta: OfficeTimeZone {
        guard let zone = OfficeTimeZone(identifier: defaultIdentifier) else {
            preconditionFailure("time-zone database lacks \(defaultIdentifier)")
        }
        return zone
    }

    public var identifier: String { timeZone.identifier }
    public var description: String { identifier }

    /// The office-local calendar day on which `instant` falls.
    public func localDate(of instant: Date) -> LocalDate {
        let parts = calendar.dateComponents([.year, .month, .day], from: instant)
        guard let year = parts.year, let month = parts.month, let day = parts.day,
              let date = LocalDate(year: year, month: month, day: day) else {
            preconditionFailure("instant \(instant) outside years 1...9999")
        }
        return date
    }

    /// The first instant of `date` in the office's zone.
    public func startOfDay(_ date: LocalDate) -> Date {
        let parts = DateComponents(year: date.year, month: date.month, day: date.day)
        guard let start = calendar.date(from: parts) else {
            preconditionFailure("calendar cannot represent \(date)")
        }
        return calendar.startOfDay(for: start)
    }

    /// The instants that belong to `date`: from its start up to (excluding) the next day's start.
    public func instants(of date: LocalDate) -> Range<Date> {
        startOfDay(date)..<startOfDay(date.adding(days: 1))
    }
}

/// "Now" and "today" as the office sees them: a wall clock read in the office's zone.
///
/// Services take one of these so that a whole operation can read the time once and derive
/// the local day consistently.
public struct OfficeClock: Sendable {
    public let zone: OfficeTimeZone
    public let wallClock: any WallClock

    public init(zone: OfficeTimeZone = .jakarta, wallClock: any WallClock = SystemWallClock()) {
        self.zone = zone
        self.wallClock = wallClock
    }

    public func now() -> Date { wallClock.now() }

    public func today() -> LocalDate { zone.localDate(of: wallClock.now()) }

    /// Reads the clock once and returns the instant with its office-local day.
    public func moment() -> OfficeMoment {
        let instant = wallClock.now()
        return OfficeMoment(instant: instant, today: zone.localDate(of: instant))
    }
}

/// One reading of the office clock: the instant and the office-local day it falls on.
///
/// Exists so a rule that needs both never reads the clock twice and straddles midnight.
public struct OfficeMoment: Sendable, Hashable {
    public let instant: Date
    public let today: LocalDate

    public init(instant: Date, today: LocalDate) {
        self.instant = instant
        self.today = today
    }
}
