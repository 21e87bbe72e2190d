/// One problem with one input field, phrased for the API client.
///
/// Exists so that every layer reports invalid input the same way: the HTTP layer turns a
/// list of these into the `errors: [{field, message}]` member of an RFC 9457 problem.
/// `code` is a stable machine-readable reason (e.g. `nip.birth_date`) so clients and tests
/// need not match on the human message.
public struct FieldError: Sendable, Hashable, CustomStringConvertible {
    /// The field as named in the API (`snake_case`, e.g. `decree_date`).
    public let field: String
    /// A stable, dotted reason code, e.g. `nik.serial` or `decree_date.outside_tenure`.
    public let code: String
    /// A short English sentence for humans.
    public let message: String

    public init(field: String, code: String, message: String) {
        self.field = field
        self.code = code
        self.message = message
    }

    public var description: String { "\(field): \(message) [\(code)]" }
}

/// Well-formed input that breaks a rule (HTTP 422), carrying every field problem found.
///
/// It is a growable struct rather than an enum so new kinds of problems never break callers;
/// validators collect all problems first so a client can fix its form in one round trip.
public struct ValidationError: Error, Sendable, Hashable, CustomStringConvertible {
    public private(set) var fieldErrors: [FieldError]

    public init(_ fieldErrors: [FieldError] = []) {
        self.fieldErrors = fieldErrors
    }

    public init(field: String, code: String, message: String) {
        self.fieldErrors = [FieldError(field: field, code: code, message: message)]
    }

    public var isEmpty: Bool { fieldErrors.isEmpty }

    /// The reason codes in order, handy for assertions and logs.
    public var codes: [String] { fieldErrors.map(\.code) }

    public mutating func add(field: String, code: String, message: String) {
        fieldErrors.append(FieldError(field: field, code: code, message: message))
    }

    public mutating func add(_ other: ValidationError) {
        fieldErrors.append(contentsOf: other.fieldErrors)
    }

    /// Runs a validating initialiser; on failure records its problems and returns nil.
    public mutating func collect<T>(_ make: () throws(ValidationError) -> T) -> T? {
        do {
            return try make()
        } catch {
            add(error)
            return nil
        }
    }

    /// Throws `self` when at least one problem was recorded.
    public func throwIfAny() throws(ValidationError) {
        if !fieldErrors.isEmpty { throw self }
    }

    public var description: String {
        "validation failed: " + fieldErrors.map(\.description).joined(separator: "; ")
    }
}
