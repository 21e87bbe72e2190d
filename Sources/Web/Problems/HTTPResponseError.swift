import HTTPCore

/// An error that knows its HTTP answer. Anything a handler or middleware throws
/// that conforms is rendered as its problem; anything else becomes a generic 500
/// (see `ErrorResponder`), so domain layers can make their own error types
/// conform without the web layer knowing them.
public protocol HTTPResponseError: Error {
    var status: HTTPStatus { get }
    var problem: ProblemDetails { get }
    /// Extra header fields for the response (`Allow`, `Retry-After`, `WWW-Authenticate`).
    var headers: HTTPHeaders { get }
}

extension HTTPResponseError {
    public var headers: HTTPHeaders { HTTPHeaders() }
}
