/// The head of a request as parsed from the wire: everything before the body.
public struct HTTPRequestHead: Sendable {
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form, absolute-form, `*`).
    public var target: String
    /// The path of the target, still percent-encoded, always starting with `/` (or `*`).
    public var path: String
    /// The raw query after `?`, without it; nil when the target has none.
    public var query: String?
    public var version: HTTPVersion
    public var headers: HTTPHeaders

    public init(method: HTTPMethod, target: String, path: String, query: String?, version: HTTPVersion, headers: HTTPHeaders) {
        self.method = method
        self.target = target
        self.path = path
        self.query = query
        self.version = version
        self.headers = headers
    }

    /// Whether the client wants the connection kept open after this exchange
    /// (RFC 9112 §9.3: HTTP/1.1 defaults to persistent, HTTP/1.0 needs `keep-alive`).
    public var wantsKeepAlive: Bool {
        if headers.containsToken("close", in: "Connection") { return false }
        if version == .http1_0 { return headers.containsToken("keep-alive", in: "Connection") }
        return true
    }

    /// Whether the client sent `Expect: 100-continue` and waits before sending the body.
    public var expectsContinue: Bool {
        guard version == .http1_1, let expect = headers["Expect"] else { return false }
        return expect.trimmingASCIISpaces().asciiCaseInsensitiveEquals("100-continue")
    }
}

/// Facts about the connection a request arrived on, for logging, rate limits and
/// loopback-only endpoints.
public struct ConnectionInfo: Sendable {
    /// The peer's address without port, e.g. `127.0.0.1` or `::1`.
    public var remoteAddress: String
    public var remotePort: Int
    public var isTLS: Bool

    public init(remoteAddress: String, remotePort: Int, isTLS: Bool) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.isTLS = isTLS
    }

    /// Whether the peer is on this machine (127.0.0.0/8, ::1, or IPv4-mapped loopback).
    public var isLoopback: Bool {
        remoteAddress == "::1" || remoteAddress.hasPrefix("127.") || remoteAddress.hasPrefix("::ffff:127.")
    }
}

/// A complete request: head, the whole body (bodies are bounded by the body limit), and its connection.
public struct HTTPRequest: Sendable {
    public var head: HTTPRequestHead
    public var body: [UInt8]
    public var connection: ConnectionInfo

    public init(head: HTTPRequestHead, body: [UInt8], connection: ConnectionInfo) {
        self.head = head
        self.body = body
        self.connection = connection
    }

    public var method: HTTPMethod { head.method }
    public var path: String { head.path }
    public var headers: HTTPHeaders { head.headers }
}
