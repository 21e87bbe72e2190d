import HTTPCore

/// The web layer's own error: a status with its problem and extra headers.
/// A struct rather than an enum so new kinds are new static constructors, not
/// breaking cases (see `HTTPError+Kinds.swift`).
public struct HTTPError: HTTPResponseError, Sendable, CustomStringConvertible {
    public var status: HTTPStatus
    /// Problem type slug, e.g. `not-found`, resolved against the configured base URI.
    public var type: String
    public var title: String
    public var detail: String?
    public var fieldErrors: [FieldError]
    public var headers: HTTPHeaders
    public var extensions: [JSONMember]

    public init(_ status: HTTPStatus, type: String, title: String? = nil, detail: String? = nil,
                fieldErrors: [FieldError] = [], headers: HTTPHeaders = HTTPHeaders(), extensions: [JSONMember] = []) {
        self.status = status
        self.type = type
        self.title = title ?? status.reasonPhrase
        self.detail = detail
        self.fieldErrors = fieldErrors
        self.headers = headers
        self.extensions = extensions
    }

    public var problem: ProblemDetails {
        ProblemDetails(type: type, title: title, status: status.code, detail: detail,
                       errors: fieldErrors, extensions: extensions)
    }

    public var description: String { "HTTPError(\(status.code) \(type)\(detail.map { ": \($0)" } ?? ""))" }
}
