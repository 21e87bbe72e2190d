import Domain
import HTTPCore
import Web

/// Reads the members of a JSON object body, collecting every problem as a field error, so a
/// client learns about all its mistakes in one 422.
struct BodyReader {
    let members: [String: JSONInput]
    private(set) var problems: [Web.FieldError] = []

    /// Parses the body and flags members outside `allowed` as unknown.
    init(_ request: HTTPRequest, allowed: Set<String>, mergePatch: Bool = false) throws {
        members = try JSONInput.object(of: request, mergePatch: mergePatch)
        for name in members.keys.sorted() where !allowed.contains(name) {
            problems.append(Web.FieldError(field: name, message: "is not a known field"))
        }
    }

    func has(_ name: String) -> Bool { members[name] != nil }

    mutating func fail(_ field: String, _ message: String) {
        problems.append(Web.FieldError(field: field, message: message))
    }

    mutating func add(_ error: ValidationError) {
        problems.append(contentsOf: error.fieldErrors.map(\.webFieldError))
    }

    /// Runs a domain validation, recording its problems; nil when it failed.
    mutating func collect<T>(_ make: () throws(ValidationError) -> T) -> T? {
        do {
            return try make()
        } catch {
            add(error)
            return nil
        }
    }

    /// A required (or, with `required: false`, optional and non-null) string.
    mutating func string(_ name: String, required: Bool = true) -> String? {
        switch members[name] {
        case nil:
            if required { fail(name, "is required") }
            return nil
        case .string(let text)?:
            return text
        case .null?:
            fail(name, "must be a string, not null")
            return nil
        default:
            fail(name, "must be a string")
            return nil
        }
    }

    /// A string that may be absent or `null`.
    mutating func nullableString(_ name: String) -> PatchValue<String> {
        switch members[name] {
        case nil: return .absent
        case .null?: return .null
        case .string(let text)?: return .value(text)
        default:
            fail(name, "must be a string or null")
            return .absent
        }
    }

    mutating func bool(_ name: String) -> Bool? {
        switch members[name] {
        case nil: return nil
        case .bool(let value)?: return value
        default:
            fail(name, "must be a boolean")
            return nil
        }
    }

    mutating func stringArray(_ name: String, required: Bool = false) -> [String]? {
        switch members[name] {
        case nil:
            if required { fail(name, "is required") }
            return nil
        case .array(let items)?:
            var strings: [String] = []
            for (index, item) in items.enumerated() {
                guard case .string(let text) = item else {
                    fail("\(name)[\(index)]", "must be a string")
                    continue
                }
                strings.append(text)
            }
            return strings
        default:
            fail(name, "must be an array of strings")
            return nil
        }
    }

    /// A required `YYYY-MM-DD` date.
    mutating func date(_ name: String) -> LocalDate? {
        guard let text = string(name) else { return nil }
        return parseDate(text, name)
    }

    /// A date that may be absent or `null`.
    mutating func nullableDate(_ name: String) -> PatchValue<LocalDate> {
        switch nullableString(name) {
        case .absent: return .absent
        case .null: return .null
        case .value(let text): return parseDate(text, name).map { .value($0) } ?? .absent
        }
    }

    private mutating func parseDate(_ text: String, _ name: String) -> LocalDate? {
        guard let date = LocalDate(iso8601: text) else {
            fail(name, "must be a real calendar date written YYYY-MM-DD")
            return nil
        }
        return date
    }

    /// Throws the 422 listing every problem found, if any.
    func finish() throws {
        if !problems.isEmpty { throw HTTPError.unprocessable(fieldErrors: problems) }
    }
}
