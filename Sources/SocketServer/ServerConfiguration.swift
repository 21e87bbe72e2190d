@preconcurrency import Glibc
import HTTPCore
import TLSTransport

/// Everything the socket server can be tuned with, with production defaults,
/// so the executable only parses flags and fills this in.
public struct ServerConfiguration: Sendable {
    /// Numeric IPv4/IPv6 address or `localhost`; `::` listens dual-stack.
    public var host: String
    /// 0 picks a free port (read it back from `HTTPServer.port`).
    public var port: Int
    /// Event-loop threads; defaults to the number of cores.
    public var eventLoopCount: Int
    public var limits: HTTPParserLimits
    public var timeouts: Timeouts
    /// Open connections across all loops; beyond it new ones are refused at once.
    public var maxConnections: Int
    /// Unsent response bytes allowed per connection before a streamed response
    /// is cut off (a client that never reads cannot pin memory).
    public var maxBufferedOutputBytes: Int
    /// Serve HTTPS with this context; nil serves plain HTTP.
    public var tls: TLSContext?
    /// Renders a parse error (status, reason) as the response sent before closing.
    public var parseErrorResponse: @Sendable (HTTPStatus, String) -> HTTPResponse

    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        eventLoopCount: Int = ServerConfiguration.defaultEventLoopCount,
        limits: HTTPParserLimits = HTTPParserLimits(),
        timeouts: Timeouts = Timeouts(),
        maxConnections: Int = 16_384,
        maxBufferedOutputBytes: Int = 4 * 1024 * 1024,
        tls: TLSContext? = nil,
        parseErrorResponse: @escaping @Sendable (HTTPStatus, String) -> HTTPResponse = ProblemResponses.parseError
    ) {
        self.host = host
        self.port = port
        self.eventLoopCount = eventLoopCount
        self.limits = limits
        self.timeouts = timeouts
        self.maxConnections = maxConnections
        self.maxBufferedOutputBytes = maxBufferedOutputBytes
        self.tls = tls
        self.parseErrorResponse = parseErrorResponse
    }

    public static var defaultEventLoopCount: Int { max(1, sysconfCores()) }

    /// How long each phase of a connection may take before it is closed.
    public struct Timeouts: Sendable {
        /// From accept until the TLS handshake completes.
        public var tlsHandshake: Duration = .seconds(10)
        /// From the first byte of a request head until the head is complete (not reset by each byte).
        public var headerRead: Duration = .seconds(10)
        /// From the end of the head until the body is complete.
        public var bodyRead: Duration = .seconds(30)
        /// Between requests on a keep-alive connection.
        public var idle: Duration = .seconds(15)
        /// With response bytes pending and none accepted by the peer.
        public var write: Duration = .seconds(30)
        /// After the final response: draining the peer's bytes so the close does not reset it.
        public var lingeringClose: Duration = .seconds(2)

        public init() {}
    }
}

private func sysconfCores() -> Int {
    Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
}
