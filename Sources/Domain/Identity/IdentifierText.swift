/// Shared first step for national numbers typed by people: trim, drop allowed separators,
/// insist on an exact count of ASCII digits.
enum IdentifierText {
    /// The digit bytes of `text` after trimming and removing `separators`, or a field error
    /// saying what the field must look like.
    static func digits(of text: String, field: String, count: Int, separators: Set<UInt8> = [],
                       label: String) throws(ValidationError) -> [UInt8] {
        let bytes = Array(text.trimmingWhitespace().utf8).filter { !separators.contains($0) }
        guard bytes.count == count, ASCIIDigits.allDigits(bytes) else {
            throw ValidationError(field: field, code: "\(field).format",
                                  message: "must be a \(label) of exactly \(count) digits")
        }
        return bytes
    }
}

extension String {
    /// The string without leading and trailing whitespace or newlines (no Foundation needed).
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[start...end])
    }
}
