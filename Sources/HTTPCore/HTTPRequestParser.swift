/// An incremental HTTP/1.1 request parser (RFC 9112).
///
/// Bytes are appended as they arrive, in pieces of any size (one byte at a
/// time included); `next()` returns the next event, or nil when it needs more
/// bytes. Pipelined requests come out one after another. Every ambiguity that
/// could let a front-end and this server disagree about message boundaries
/// (request smuggling) is an error, after which the connection must be closed.
public struct HTTPRequestParser: Sendable {
    public let limits: HTTPParserLimits

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        fatalError("not implemented yet")
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next event, or nil when more bytes are needed.
    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        fatalError("not implemented yet")
    }

    /// True when no byte of a next request has been received: the connection is
    /// idle (keep-alive timeout applies), not in the middle of a head (header timeout).
    public var isBetweenRequests: Bool {
        fatalError("not implemented yet")
    }

    /// True while the current request's head is complete but its body is not.
    public var isReadingBody: Bool {
        fatalError("not implemented yet")
    }
}
