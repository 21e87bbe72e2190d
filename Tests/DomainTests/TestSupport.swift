import Domain
import Foundation

/// A date literal for tests; traps on a typo so a broken fixture cannot pass silently.
func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso8601: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

/// An instant from an RFC 3339 literal with offset.
func instant(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("bad test instant \(text)") }
    return date
}

/// The codes of the validation error `body` throws, or [] if it does not throw.
func validationCodes(_ body: () throws(ValidationError) -> Void) -> [String] {
    do {
        try body()
        return []
    } catch {
        return error.codes
    }
}
