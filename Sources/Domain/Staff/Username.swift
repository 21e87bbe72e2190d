/// The login name of a staff account.
///
/// 3 to 32 characters of lowercase ASCII letters, digits, `.`, `_` and `-`: a form that is
/// unambiguous when read aloud at the office, safe in URLs and logs, and has exactly one
/// spelling (no case folding or Unicode look-alikes to confuse uniqueness checks).
public struct Username: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public static let lengthRange = 3...32
    public let text: String

    public init(_ text: String, field: String = "username") throws(ValidationError) {
        let bytes = Array(text.utf8)
        guard Self.lengthRange.contains(bytes.count) else {
            throw ValidationError(field: field, code: "\(field).length", message: "must be 3 to 32 characters")
        }
        let allowed = bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || ASCIIDigits.isDigit(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        guard allowed else {
            throw ValidationError(field: field, code: "\(field).characters",
                                  message: "may contain only lowercase letters, digits, '.', '_' and '-'")
        }
        self.text = text
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        do {
            self = try Username(raw)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    public var description: String { text }
    public static func < (lhs: Username, rhs: Username) -> Bool { lhs.text < rhs.text }
}
