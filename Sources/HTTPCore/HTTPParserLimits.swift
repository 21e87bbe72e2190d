/// Size limits enforced while parsing, from the contract's "Limits" table.
/// Each is answered as soon as it is exceeded, without reading further.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request target; longer is 414.
    public var maxRequestTargetLength: Int = 8 * 1024
    /// Longest single header line (name, colon, value); longer is 431.
    public var maxHeaderLineLength: Int = 8 * 1024
    /// Most header fields in one request; more is 431.
    public var maxHeaderCount: Int = 100
    /// Largest request body (after de-chunking); larger is 413.
    public var maxBodyLength: Int = 1024 * 1024
    /// Longest chunk-size line (size and extensions); longer is 400.
    public var maxChunkLineLength: Int = 4096

    public init() {}
}

/// Why a request was rejected: the status to answer with and a human-readable reason.
/// After any parse error the connection must be closed (the byte stream can no
/// longer be trusted to be in sync).
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let reason: String

    public init(_ status: HTTPStatus, _ reason: String) {
        self.status = status
        self.reason = reason
    }

    public var description: String { "\(status.code): \(reason)" }
}

/// What the parser produced from the bytes it has so far.
public enum HTTPParserEvent: Sendable {
    /// A request head is complete and valid; its body (possibly empty) follows.
    case head(HTTPRequestHead)
    /// Some bytes of the body, already de-chunked.
    case body([UInt8])
    /// The request (head and body) is complete; the next event belongs to the next request.
    case end
}
