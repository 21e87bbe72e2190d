/// Validation for optional free text (notes, reasons, addresses): nil or blank means none.
///
/// Why it exists: the contract lets clients send `null`, leave a field out or send text; all
/// three must behave the same, and present text follows ``BoundedText``'s rules.
public enum OptionalText {
    /// nil for nil or whitespace-only text, otherwise ``BoundedText/validate(_:field:maxLength:allowLineBreaks:)``.
    public static func validate(_ text: String?, field: String, maxLength: Int,
                                allowLineBreaks: Bool = false) throws(ValidationError) -> String? {
        guard let text, !text.trimmingWhitespace().isEmpty else { return nil }
        return try BoundedText.validate(text, field: field, maxLength: maxLength, allowLineBreaks: allowLineBreaks)
    }
}
