/// An Indonesian telephone number normalised to international form, `+62…`.
///
/// People write the same number as `0812-3456-7890`, `62 812 3456 7890` or
/// `+62 812-3456-7890`; storing one canonical form makes numbers comparable and usable by
/// SMS or WhatsApp gateways. Accepted input: an optional leading `+`, then `0` (trunk prefix)
/// or `62` (country code), then the national number; spaces, dashes, dots and parentheses
/// between digits are ignored (the office's own number is printed `(0735) 326076`).
/// The national number (after `0`/`62`) must have 9 to 13 digits and must not start with `0`.
public struct PhoneNumber: Sendable, Hashable, CustomStringConvertible {
    public static let nationalDigitRange = 9...13
    private static let separators: Set<UInt8> = Set(" -.()".utf8)

    /// Canonical form: `+62` followed by the national digits.
    public let e164: String

    public init(_ text: String, field: String = "phone") throws(ValidationError) {
        let trimmed = Array(text.trimmingWhitespace().utf8)
        let hasPlus = trimmed.first == UInt8(ascii: "+")
        let body = (hasPlus ? Array(trimmed.dropFirst()) : trimmed).filter { !Self.separators.contains($0) }
        guard ASCIIDigits.allDigits(body) else {
            throw ValidationError(field: field, code: "\(field).format",
                                  message: "must contain only digits, spaces, dashes and an optional leading +")
        }
        let national: ArraySlice<UInt8>
        if body.starts(with: Array("62".utf8)) {
            national = body.dropFirst(2)
        } else if !hasPlus, body.first == UInt8(ascii: "0") {
            national = body.dropFirst(1)
        } else {
            throw ValidationError(field: field, code: "\(field).prefix",
                                  message: "must be an Indonesian number starting with 0, 62 or +62")
        }
        guard national.first != UInt8(ascii: "0"), Self.nationalDigitRange.contains(national.count) else {
            throw ValidationError(field: field, code: "\(field).length",
                                  message: "must have 9 to 13 digits after the 0 or +62 prefix")
        }
        e164 = "+62" + String(decoding: national, as: UTF8.self)
    }

    public var description: String { e164 }
}
