/// Validation for free text fields typed by people: trimmed, required, bounded, no control
/// characters (which would corrupt CSV reports and terminal output).
public enum BoundedText {
    /// `text` trimmed, or a field error if it is empty, longer than `maxLength` characters,
    /// or contains control characters (tabs and line breaks only when `allowLineBreaks`).
    public static func validate(_ text: String, field: String, maxLength: Int,
                                allowLineBreaks: Bool = false) throws(ValidationError) -> String {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty {
            throw ValidationError(field: field, code: "\(field).required", message: "must not be empty")
        }
        if trimmed.count > maxLength {
            throw ValidationError(field: field, code: "\(field).too_long",
                                  message: "must be at most \(maxLength) characters")
        }
        let allowed: Set<Unicode.Scalar> = allowLineBreaks ? ["\n", "\r", "\t"] : []
        let hasControl = trimmed.unicodeScalars.contains {
            $0.properties.generalCategory == .control && !allowed.contains($0)
        }
        if hasControl {
            throw ValidationError(field: field, code: "\(field).control_characters",
                                  message: "must not contain control characters")
        }
        return trimmed
    }
}

/// The number of a decree (*Keputusan*), kept exactly as written on it, e.g.
/// `800/123/KPTS/DPMPTSP/2021`.
///
/// Numbering schemes differ between offices and years, so the only rules are: not empty after
/// trimming, at most 200 characters, no control characters.
public struct DecreeNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    public static let maxLength = 200
    public let text: String

    public init(_ text: String, field: String = "decree_number") throws(ValidationError) {
        self.text = try BoundedText.validate(text, field: field, maxLength: Self.maxLength)
    }

    public var description: String { text }
}
