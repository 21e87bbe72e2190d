import HTTPCore

/// Limits how fast one credential (or, without one, one client address) may send requests,
/// answering 429 with `Retry-After` past the limit.
///
/// Exists so a runaway integration or script cannot starve everyone else of worker threads
/// and database connections. It runs before authentication, so throttled requests cost no
/// database lookup: the credential is identified by a per-process keyed hash of the
/// `Authorization` value (the token itself is never kept). Limits are per instance (see
/// `TokenBucketLimiter`). Probes (`/health`, `/ready` by default) are never limited, and
/// loopback clients are exempt unless `limitsLoopback`, so local load tests and a local
/// TLS-terminating proxy are not throttled.
public struct RateLimitMiddleware: Middleware {
    /// The limit and who it applies to.
    public struct Policy: Sendable {
        /// Sustained requests per second per credential.
        public var requestsPerSecond: Double = 50
        /// Requests a credential may send at once after being idle.
        public var burst: Int = 200
        /// Whether clients on loopback addresses are limited too.
        public var limitsLoopback: Bool = false
        /// Paths never limited.
        public var exemptPaths: Set<String> = ["/health", "/ready"]

        public init(requestsPerSecond: Double = 50, burst: Int = 200, limitsLoopback: Bool = false) {
            self.requestsPerSecond = requestsPerSecond
            self.burst = burst
            self.limitsLoopback = limitsLoopback
        }
    }

    private let policy: Policy
    private let limiter: TokenBucketLimiter

    public init(policy: Policy, limiter: TokenBucketLimiter? = nil) {
        self.policy = policy
        self.limiter = limiter ?? TokenBucketLimiter(ratePerSecond: policy.requestsPerSecond, burst: policy.burst)
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) throws -> HTTPResponse {
        guard !policy.exemptPaths.contains(request.path),
              policy.limitsLoopback || !request.connection.isLoopback else {
            return next(request, &context)
        }
        if case .refused(let wait) = limiter.acquire(Self.key(for: request)) {
            let seconds = Int(wait.rounded(.up))
            throw HTTPError.tooManyRequests(retryAfter: seconds,
                                            "Too many requests from this credential; retry after \(max(1, seconds)) s.")
        }
        return next(request, &context)
    }

    /// The bucket of a request: its `Authorization` value, else its client address. Hashed
    /// with the process's random seed, so keys cannot be chosen to collide.
    static func key(for request: HTTPRequest) -> Int {
        var hasher = Hasher()
        if let credential = request.headers["Authorization"] {
            hasher.combine(0 as UInt8)
            hasher.combine(credential)
        } else {
            hasher.combine(1 as UInt8)
            hasher.combine(request.connection.remoteAddress)
        }
        return hasher.finalize()
    }
}
