/// A response produced by a responder. The server adds the framing fields
/// (`Content-Length` or `Transfer-Encoding`, `Connection`, `Date`); responders
/// set everything else.
public struct HTTPResponse: Sendable {
    public var status: HTTPStatus
    public var headers: HTTPHeaders
    public var body: HTTPResponseBody

    public init(status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(), body: HTTPResponseBody = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The content of a response: a complete buffer, or a stream written over time
/// (server-sent events), sent chunked on HTTP/1.1 and close-delimited on HTTP/1.0.
public enum HTTPResponseBody: Sendable {
    case bytes([UInt8])
    /// Called once the head is sent; the writer may be used from any thread.
    case stream(@Sendable (any HTTPBodyWriter) -> Void)

    public var bytes: [UInt8]? {
        if case .bytes(let b) = self { return b }
        return nil
    }
}

/// Writes a streamed response body. Implementations are thread-safe; writes after
/// the peer has gone are dropped and `isClosed` turns true so producers can stop.
public protocol HTTPBodyWriter: Sendable {
    func write(_ bytes: [UInt8])
    func finish()
    var isClosed: Bool { get }
}

/// What the server calls for every complete request.
///
/// `respond` is called on an event-loop thread and must not block: a responder
/// that needs to wait (for a database, say) moves the work elsewhere and calls
/// `completion` later, from any thread, exactly once.
public protocol HTTPResponder: Sendable {
    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void)
}
