/// Helpers for the fixed-width ASCII digit strings Indonesian identifiers are made of.
///
/// `Character.isNumber` accepts Arabic-Indic and full-width digits; identifiers must be plain
/// ASCII `0`…`9`, so everything here works on UTF-8 bytes.
enum ASCIIDigits {
    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    static func allDigits<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        !bytes.isEmpty && bytes.allSatisfy(isDigit)
    }

    /// The decimal value of an all-digit slice; nil if any byte is not a digit.
    static func value<C: Collection>(_ bytes: C) -> Int? where C.Element == UInt8 {
        guard allDigits(bytes) else { return nil }
        return bytes.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// `value` zero-padded on the left to `width` digits.
    static func padded(_ value: Int, width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
