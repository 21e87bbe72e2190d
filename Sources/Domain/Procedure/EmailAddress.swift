/// A sanity check for e-mail addresses, not a full RFC 5322 parser.
///
/// Why it exists: front-office staff type addresses from forms; the check catches the usual
/// slips (missing `@`, spaces, missing domain dot) without refusing unusual but valid ones.
public enum EmailAddress {
    public static let maxLength = 254

    /// The trimmed address, or a field error: one `@`, a local part of 1–64 characters, a domain
    /// of dot-separated non-empty labels with at least one dot, no spaces or control characters.
    public static func validate(_ text: String, field: String = "email") throws(ValidationError) -> String {
        let trimmed = text.trimmingWhitespace()
        guard trimmed.count <= maxLength else {
            throw ValidationError(field: field, code: "\(field).too_long", message: "must be at most \(maxLength) characters")
        }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        let hasBadCharacter = trimmed.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.properties.generalCategory == .control
        }
        guard parts.count == 2, !hasBadCharacter, (1...64).contains(parts[0].count) else {
            throw invalid(field)
        }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }) else {
            throw invalid(field)
        }
        return trimmed
    }

    private static func invalid(_ field: String) -> ValidationError {
        ValidationError(field: field, code: "\(field).format", message: "must be an e-mail address like name@example.id")
    }
}
