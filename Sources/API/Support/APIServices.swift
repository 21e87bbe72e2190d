import Cryptography
import Domain
import Foundation
import OfficerAssignment
import Storage

/// Everything the API's handlers depend on, built once by the composition root.
///
/// Exists so route files take one value instead of a growing parameter list, and so tests
/// can run the real handlers with a manual clock and a cheap password cost.
public struct APIServices: Sendable {
    public let store: KlipsoStore
    public let clock: OfficeClock
    public let officers: OfficerAssignmentService
    public let passwordHasher: PasswordHasher
    public let ids: any IdentifierGenerating
    /// Encrypts NIKs and makes their lookup hashes (applicant routes).
    public let personalDataKeys: PersonalDataKeys
    /// How long a staff token from `POST /v1/auth/token` is accepted.
    public let tokenLifetime: TimeInterval
    /// Failed logins allowed per client address and per username in one minute.
    public let loginFailureLimit: Int
    /// This office's names, queue prefix and referral desks (replicability: nothing office-specific in code).
    public let officeProfile: OfficeProfile
    let timestamps: OfficeTimestamps

    public init(store: KlipsoStore, clock: OfficeClock, passwordHasher: PasswordHasher,
                personalDataKeys: PersonalDataKeys, ids: any IdentifierGenerating = TimeOrderedIdentifierGenerator(),
                tokenLifetime: TimeInterval = 12 * 3600, loginFailureLimit: Int = 10,
                officeProfile: OfficeProfile = .default) {
        self.store = store
        self.clock = clock
        self.officers = OfficerAssignmentService(clock: clock, ids: ids)
        self.passwordHasher = passwordHasher
        self.ids = ids
        self.personalDataKeys = personalDataKeys
        self.tokenLifetime = tokenLifetime
        self.loginFailureLimit = loginFailureLimit
        var profile = officeProfile
        profile.timeZone = clock.zone
        self.officeProfile = profile
        self.timestamps = OfficeTimestamps(zone: clock.zone)
    }
}

/// Writes instants as RFC 3339 in the office's zone with its offset
/// (`2026-12-03T08:45:00+07:00`), as the contract shows every time.
struct OfficeTimestamps: Sendable {
    private let calendar: Calendar
    private let zone: TimeZone

    init(zone: OfficeTimeZone) {
        self.zone = zone.timeZone
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        self.calendar = calendar
    }

    func format(_ instant: Date) -> String {
        let offset = zone.secondsFromGMT(for: instant)
        let local = instant.addingTimeInterval(TimeInterval(offset))
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset) / 60
        return pad(parts.year ?? 0, 4) + "-" + pad(parts.month ?? 0, 2) + "-" + pad(parts.day ?? 0, 2) + "T"
            + pad(parts.hour ?? 0, 2) + ":" + pad(parts.minute ?? 0, 2) + ":" + pad(parts.second ?? 0, 2)
            + sign + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }

    private func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
