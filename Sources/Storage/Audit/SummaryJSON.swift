import Foundation

/// The JSON text of an audit summary: one flat object of strings, keys sorted by their UTF-8
/// bytes, no whitespace.
///
/// Why it exists: the stored text is hashed into the chain, so the same summary must always be
/// written identically; `JSONEncoder` makes no such promise about escaping.
enum SummaryJSON {
    static func encode(_ fields: [String: String]?) -> String? {
        guard let fields else { return nil }
        let members = fields.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }
            .map { "\(quoted($0.key)):\(quoted($0.value))" }
        return "{" + members.joined(separator: ",") + "}"
    }

    static func decode(_ text: String?) throws -> [String: String]? {
        guard let text else { return nil }
        do {
            return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
        } catch {
            throw StoreError(.corruptData, "an audit summary is not a JSON object of strings")
        }
    }

    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
