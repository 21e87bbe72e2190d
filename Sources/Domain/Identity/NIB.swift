/// A business identity number (*Nomor Induk Berusaha*) issued by OSS: 13 digits.
///
/// OSS publishes no check digit, so only the shape is checked; an applicant's NIB is what
/// links a KLIPSO consultation to the business registered in OSS.
public struct NIB: Sendable, Hashable, CustomStringConvertible {
    public let digits: String

    public init(_ text: String, field: String = "nib") throws(ValidationError) {
        let bytes = try IdentifierText.digits(of: text, field: field, count: 13, label: "NIB")
        digits = String(decoding: bytes, as: UTF8.self)
    }

    public var description: String { digits }
}
