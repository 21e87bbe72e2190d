import Foundation

/// The API's JSON conventions in one place: Swift properties are lowerCamelCase
/// and appear on the wire as snake_case (`nextCursor` ↔ `next_cursor`) through
/// the coders' key strategies, so types need no `CodingKeys`; dates are RFC 3339
/// (`2026-12-03T07:00:00Z`). Write acronyms as words (`userId`, not `userID`),
/// or the snake_case round trip does not hold.
public enum JSONConventions {
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// `officerId` → `officer_id`: how a Swift property name appears on the wire,
    /// for error messages that must name the client's field.
    public static func snakeCase(_ name: String) -> String {
        var result = ""
        result.reserveCapacity(name.utf8.count + 4)
        var previousWasLowercaseOrDigit = false
        for character in name {
            if character.isUppercase {
                if previousWasLowercaseOrDigit { result.append("_") }
                result.append(contentsOf: character.lowercased())
                previousWasLowercaseOrDigit = false
            } else {
                result.append(character)
                previousWasLowercaseOrDigit = character.isLowercase || character.isNumber
            }
        }
        return result
    }
}
