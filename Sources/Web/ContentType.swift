/// The media types the API answers with, and the parsing of `Content-Type`
/// values, in one place so handlers never spell them by hand.
public enum ContentType {
    public static let json = "application/json; charset=utf-8"
    public static let problemJSON = "application/problem+json; charset=utf-8"
    public static let plainText = "text/plain; charset=utf-8"
    public static let csv = "text/csv; charset=utf-8"
    public static let eventStream = "text/event-stream"

    /// The media type of a `Content-Type` value, lowercased, without parameters:
    /// `Application/JSON; charset=UTF-8` → `application/json`.
    public static func mediaType(of value: String) -> String {
        let end = value.firstIndex(of: ";") ?? value.endIndex
        return value[..<end].trimmingASCIISpaces().lowercased()
    }

    /// The parameters of a `Content-Type` value, names lowercased, quotes removed.
    public static func parameters(of value: String) -> [(name: String, value: String)] {
        value.split(separator: ";").dropFirst().compactMap { part in
            guard let equals = part.firstIndex(of: "=") else { return nil }
            let name = part[..<equals].trimmingASCIISpaces().lowercased()
            var parameterValue = part[part.index(after: equals)...].trimmingASCIISpaces()
            if parameterValue.count >= 2, parameterValue.first == "\"", parameterValue.last == "\"" {
                parameterValue = parameterValue.dropFirst().dropLast()
            }
            return (name: name, value: String(parameterValue))
        }
    }
}
