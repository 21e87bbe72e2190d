/// An incremental HTTP/1.1 request parser (RFC 9112).
///
/// Bytes are appended as they arrive, in pieces of any size (one byte at a
/// time included); `next()` returns the next event, or nil when it needs more
/// bytes. Pipelined requests come out one after another. Every ambiguity that
/// could let a front-end and this server disagree about message boundaries
/// (request smuggling) is an error, after which the connection must be closed.
///
/// Each byte is examined once: a scan offset remembers how far the current
/// line has been searched, and consumed bytes are dropped from the front of
/// the buffer when that is cheap relative to what remains.
public struct HTTPRequestParser: Sendable {
    public let limits: HTTPParserLimits

    /// What the parser expects next.
    enum Stage: Sendable {
        case requestLine
        case headerLines
        case fixedBody(remaining: Int)
        case chunkSizeLine
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailerLines
        case end
        /// See `failure`: kept apart so that the stage stays a trivial value.
        case failed
    }

    /// What one step of the state machine achieved.
    enum Step {
        case needMore
        case proceed
        case event(HTTPParserEvent)
    }

    var stage: Stage = .requestLine
    /// The error every call throws once parsing has failed.
    var failure: HTTPParseError?
    /// Received bytes; those before `readIndex` are consumed.
    var buffer: [UInt8] = []
    var readIndex = 0
    /// How far the current line has been searched (never before `readIndex`).
    var scanIndex = 0
    var requestLineLexer = HTTPRequestLineLexer()
    var pendingRequestLine: HTTPPendingRequestLine?
    var pendingHeaders = HTTPHeaders()
    var framing = HTTPMessageFraming()
    var chunkedBodyLength = 0
    var trailerCount = 0

    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        if case .failed = stage { return }
        guard !bytes.isEmpty else { return }
        compact()
        buffer.append(contentsOf: bytes.assumingMemoryBound(to: UInt8.self))
    }

    /// Appends bytes received from the peer.
    public mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// The next event, or nil when more bytes are needed.
    ///
    /// After an error every later call throws the same error.
    public mutating func next() throws(HTTPParseError) -> HTTPParserEvent? {
        do {
            while true {
                switch try step() {
                case .needMore: return nil
                case .proceed: continue
                case .event(let event): return event
                }
            }
        } catch {
            stage = .failed
            failure = error
            buffer = []
            readIndex = 0
            scanIndex = 0
            throw error
        }
    }

    /// True when no byte of a next request has been received: the connection is
    /// idle (keep-alive timeout applies), not in the middle of a head (header timeout).
    public var isBetweenRequests: Bool {
        guard case .requestLine = stage else { return false }
        return requestLineLexer.isPristine && readIndex == buffer.count
    }

    /// True while the current request's head is complete but its body is not.
    public var isReadingBody: Bool {
        switch stage {
        case .fixedBody, .chunkSizeLine, .chunkData, .chunkDataEnd, .trailerLines: true
        case .requestLine, .headerLines, .end, .failed: false
        }
    }

    private mutating func step() throws(HTTPParseError) -> Step {
        switch stage {
        case .requestLine: return try readRequestLine()
        case .headerLines: return try readHeaderLine()
        case .fixedBody(let remaining): return readFixedBody(remaining: remaining)
        case .chunkSizeLine: return try readChunkSizeLine()
        case .chunkData(let remaining): return readChunkData(remaining: remaining)
        case .chunkDataEnd: return try readChunkDataEnd()
        case .trailerLines: return try readTrailerLine()
        case .end:
            stage = .requestLine
            return .event(.end)
        case .failed: throw failure ?? HTTPParseError(.badRequest, "Parser failed")
        }
    }

    /// Drops consumed bytes when that costs little compared with what they waste.
    private mutating func compact() {
        if readIndex == buffer.count {
            if buffer.capacity > 64 * 1024 {
                buffer = []
            } else {
                buffer.removeAll(keepingCapacity: true)
            }
            readIndex = 0
            scanIndex = 0
        } else if readIndex >= 4096 && readIndex * 2 >= buffer.count {
            buffer.removeSubrange(0..<readIndex)
            scanIndex -= readIndex
            readIndex = 0
        }
    }

    /// Marks `count` bytes from `readIndex` as consumed.
    mutating func consume(_ count: Int) {
        readIndex += count
        if scanIndex < readIndex { scanIndex = readIndex }
    }
}
