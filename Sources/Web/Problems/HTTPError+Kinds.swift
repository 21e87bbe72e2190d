import HTTPCore

/// The errors the API contract names, one constructor each.
extension HTTPError {
    public static func badRequest(_ detail: String? = nil) -> HTTPError {
        HTTPError(.badRequest, type: "bad-request", detail: detail)
    }

    public static func notFound(_ detail: String? = nil) -> HTTPError {
        HTTPError(.notFound, type: "not-found", detail: detail)
    }

    /// 405 with `Allow` listing `allow` in the given order.
    public static func methodNotAllowed(allow: [HTTPMethod], _ detail: String? = nil) -> HTTPError {
        HTTPError(.methodNotAllowed, type: "method-not-allowed", detail: detail,
                  headers: ["Allow": allow.map(\.rawValue).joined(separator: ", ")])
    }

    public static func conflict(_ detail: String? = nil) -> HTTPError {
        HTTPError(.conflict, type: "conflict", detail: detail)
    }

    /// 422: well-formed but invalid input, with what is wrong with each field.
    public static func unprocessable(fieldErrors: [FieldError], _ detail: String? = "The request contains invalid fields.") -> HTTPError {
        HTTPError(.unprocessableContent, type: "validation-failed", detail: detail, fieldErrors: fieldErrors)
    }

    /// 401 with `WWW-Authenticate: Bearer` (RFC 6750), plus `error="invalid_token"` when `invalidToken`.
    public static func unauthorized(_ detail: String? = nil, invalidToken: Bool = false) -> HTTPError {
        let challenge = invalidToken ? #"Bearer error="invalid_token""# : "Bearer"
        return HTTPError(.unauthorized, type: "unauthorized", detail: detail, headers: ["WWW-Authenticate": challenge])
    }

    public static func forbidden(_ detail: String? = nil) -> HTTPError {
        HTTPError(.forbidden, type: "forbidden", detail: detail)
    }

    public static func preconditionFailed(_ detail: String? = nil) -> HTTPError {
        HTTPError(.preconditionFailed, type: "precondition-failed", detail: detail)
    }

    public static func contentTooLarge(_ detail: String? = nil) -> HTTPError {
        HTTPError(.contentTooLarge, type: "content-too-large", detail: detail)
    }

    public static func unsupportedMediaType(_ detail: String? = nil) -> HTTPError {
        HTTPError(.unsupportedMediaType, type: "unsupported-media-type", detail: detail)
    }

    /// 429 with `Retry-After` in whole seconds (at least 1).
    public static func tooManyRequests(retryAfter seconds: Int, _ detail: String? = nil) -> HTTPError {
        HTTPError(.tooManyRequests, type: "too-many-requests", detail: detail,
                  headers: ["Retry-After": String(max(1, seconds))])
    }

    /// 503 with `Retry-After` in whole seconds (at least 1).
    public static func serviceUnavailable(retryAfter seconds: Int, _ detail: String? = nil) -> HTTPError {
        HTTPError(.serviceUnavailable, type: "service-unavailable", detail: detail,
                  headers: ["Retry-After": String(max(1, seconds))])
    }

    /// The generic 500: it says nothing about the cause, which may hold secrets.
    public static func internalServerError() -> HTTPError {
        HTTPError(.internalServerError, type: "internal-error",
                  detail: "An unexpected error occurred. Quote the request id if you report it.")
    }
}
