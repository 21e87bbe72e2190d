import HTTPCore

/// Lets browser pages served from configured origins call the API (CORS).
///
/// Exists because third-party web frontends call KLIPSO from their own origin; browsers
/// only let them read our answers when we say so. Preflights (`OPTIONS` with `Origin` and
/// `Access-Control-Request-Method`) from an allowed origin are answered here with 204,
/// before any route runs: the router would otherwise say 405 for routes without `OPTIONS`.
/// Every other response to an allowed origin gets `Access-Control-Allow-Origin` (echoing
/// it) and `Access-Control-Expose-Headers`. Other origins get no CORS headers at all. When
/// any origin is configured every response carries `Vary: Origin`, because its headers then
/// depend on `Origin`, so a shared cache never hands one origin's answer to another.
///
/// Put it outside rate limiting, authentication and compression, so their answers (429,
/// 401, …) are readable by the page too.
public struct CORSMiddleware: Middleware {
    /// What the middleware allows.
    public struct Policy: Sendable {
        /// Exact origins (`https://app.example.go.id`), compared case-insensitively without a
        /// trailing slash; `*` allows every origin (still echoed, never a literal `*`).
        public var allowedOrigins: [String]
        public var allowedMethods: [String] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"]
        public var allowedHeaders: [String] = ["Authorization", "Content-Type", "If-Match", "If-None-Match",
                                               "Idempotency-Key", "X-Request-Id"]
        public var exposedHeaders: [String] = ["ETag", "Location", "X-Request-Id", "Retry-After"]
        /// How long a browser may cache a preflight answer.
        public var maxAgeSeconds: Int = 600

        public init(allowedOrigins: [String]) {
            self.allowedOrigins = allowedOrigins
        }
    }

    private let origins: Set<String>
    private let allowsAnyOrigin: Bool
    private let preflightHeaders: HTTPHeaders
    private let exposedHeaders: String

    public init(policy: Policy) {
        let normalized = policy.allowedOrigins.map(Self.normalize).filter { !$0.isEmpty }
        origins = Set(normalized)
        allowsAnyOrigin = normalized.contains("*")
        preflightHeaders = [
            "Access-Control-Allow-Methods": policy.allowedMethods.joined(separator: ", "),
            "Access-Control-Allow-Headers": policy.allowedHeaders.joined(separator: ", "),
            "Access-Control-Max-Age": String(policy.maxAgeSeconds),
        ]
        exposedHeaders = policy.exposedHeaders.joined(separator: ", ")
    }

    /// Whether no origin is configured (the middleware then changes nothing).
    public var isInactive: Bool { origins.isEmpty }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        guard !origins.isEmpty else { return next(request, &context) }
        let origin = request.headers["Origin"].flatMap { isAllowed($0) ? $0 : nil }
        if let origin, request.method == .options, request.headers.contains("Access-Control-Request-Method") {
            var response = HTTPResponse(status: .noContent, headers: preflightHeaders)
            response.headers.set("Access-Control-Allow-Origin", origin)
            VaryHeader.add("Origin", to: &response.headers)
            return response
        }
        var response = next(request, &context)
        if let origin {
            response.headers.set("Access-Control-Allow-Origin", origin)
            response.headers.set("Access-Control-Expose-Headers", exposedHeaders)
        }
        VaryHeader.add("Origin", to: &response.headers)
        return response
    }

    func isAllowed(_ origin: String) -> Bool {
        // An origin is one visible-ASCII token; anything else (a list, a control character)
        // is never echoed back into a header.
        guard !origin.isEmpty, origin.utf8.count <= 512, origin.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return false
        }
        return allowsAnyOrigin || origins.contains(Self.normalize(origin))
    }

    static func normalize(_ origin: String) -> String {
        var text = origin.trimmingASCIISpaces().lowercased()
        while text.hasSuffix("/") { text.removeLast() }
        return text
    }
}

/// Adds tokens to `Vary` keeping a single field and never repeating a token.
public enum VaryHeader {
    public static func add(_ token: String, to headers: inout HTTPHeaders) {
        if headers.containsToken(token, in: "Vary") || headers.containsToken("*", in: "Vary") { return }
        let existing = headers.values("Vary").filter { !$0.trimmingASCIISpaces().isEmpty }
        headers.set("Vary", (existing + [token]).joined(separator: ", "))
    }
}
