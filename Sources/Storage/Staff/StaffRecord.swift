import Domain
import Foundation

/// A staff member as stored: the domain value plus what only storage and authentication see.
///
/// Why it exists: `Staff` deliberately has no password hash (it travels to handlers and
/// responses); login needs it, and responses need the creation and update times.
public struct StaffRecord: Sendable, Hashable {
    public var staff: Staff
    /// The encoded password hash (Cryptography's `PasswordHasher` format); nil for accounts that
    /// cannot log in with a password (e.g. the first-start administrator, who has a token).
    public var passwordHash: String?
    public let createdAt: Date
    public var updatedAt: Date

    public init(staff: Staff, passwordHash: String?, createdAt: Date, updatedAt: Date) {
        self.staff = staff
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// Roles and scopes are stored as one sorted, comma-separated text: readable in a SQL console
/// and canonical (one spelling per set).
enum SortedList {
    static func encode(_ items: some Sequence<String>) -> String {
        Array(Set(items)).sorted().joined(separator: ",")
    }

    static func decode(_ text: String) -> [String] {
        text.split(separator: ",").map(String.init)
    }
}
