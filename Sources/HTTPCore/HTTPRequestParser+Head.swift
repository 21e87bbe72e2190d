/// The request line and the header fields, up to the `.head` event.
extension HTTPRequestParser {
    mutating func readRequestLine() throws(HTTPParseError) -> Step {
        var lexer = requestLineLexer
        let lineStart = readIndex
        let from = scanIndex
        let maxTargetLength = limits.maxRequestTargetLength
        let outcome = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try lexer.lex(bytes, from: from, maxTargetLength: maxTargetLength)
        }
        requestLineLexer = lexer
        switch outcome {
        case .needMore(let scannedTo):
            scanIndex = scannedTo
            return .needMore
        case .skippedEmptyLine(let end):
            readIndex = end
            scanIndex = end
            return .proceed
        case .complete(let end):
            pendingRequestLine = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
                try HTTPPendingRequestLine(bytes, lineStart: lineStart, lexer: lexer)
            }
            readIndex = end
            scanIndex = end
            requestLineLexer.reset()
            pendingHeaders.reserveCapacity(16)
            stage = .headerLines
            return .proceed
        }
    }

    mutating func readHeaderLine() throws(HTTPParseError) -> Step {
        guard let line = try nextLine(maxLength: limits.maxHeaderLineLength, kind: .header) else { return .needMore }
        if line.isEmpty { return .event(.head(try finishHead())) }
        guard pendingHeaders.count < limits.maxHeaderCount else {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "Too many header fields")
        }
        var framing = self.framing
        let (name, value) = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            let field = try HTTPFieldLine.parse(bytes, line)
            try framing.observe(name: bytes.slice(field.name), value: bytes.slice(field.value))
            return (bytes.string(field.name), bytes.string(field.value))
        }
        self.framing = framing
        pendingHeaders.add(name, value)
        return .proceed
    }

    /// Judges the framing fields, builds the head and moves on to the body.
    private mutating func finishHead() throws(HTTPParseError) -> HTTPRequestHead {
        guard let line = pendingRequestLine else { preconditionFailure("header lines without a request line") }
        let body = try framing.body(version: line.version, limits: limits)
        let head = HTTPRequestHead(
            method: line.method, target: line.target.target, path: line.target.path,
            query: line.target.query, version: line.version, headers: pendingHeaders)
        pendingRequestLine = nil
        pendingHeaders = HTTPHeaders()
        framing = HTTPMessageFraming()
        switch body {
        case .none:
            stage = .end
        case .length(let length):
            stage = .fixedBody(remaining: length)
        case .chunked:
            chunkedBodyLength = 0
            trailerCount = 0
            stage = .chunkSizeLine
        }
        return head
    }
}

/// A validated request line waiting for its header fields.
struct HTTPPendingRequestLine: Sendable {
    var method: HTTPMethod
    var target: HTTPRequestTarget
    var version: HTTPVersion

    init(_ bytes: UnsafeBufferPointer<UInt8>, lineStart: Int, lexer: HTTPRequestLineLexer) throws(HTTPParseError) {
        let methodBytes = bytes.slice(lexer.methodRange(lineStart: lineStart))
        method = Self.method(methodBytes)
        target = try HTTPRequestTarget.parse(
            bytes.slice(lexer.targetRange(lineStart: lineStart)),
            isConnect: method == .connect, isOptions: method == .options)
        version = lexer.version
    }

    /// The method, reusing the shared values for common ones (methods are case-sensitive).
    private static func method(_ bytes: UnsafeBufferPointer<UInt8>) -> HTTPMethod {
        // Compared as little-endian words: a generic `elementsEqual` per
        // candidate cost a few hundred instructions on every request.
        switch bytes.count {
        case 3:
            let word = UInt32(bytes[0]) | UInt32(bytes[1]) << 8 | UInt32(bytes[2]) << 16
            if word == 0x54_45_47 { return .get }  // "GET"
            if word == 0x54_55_50 { return .put }  // "PUT"
        case 4:
            let word = UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(as: UInt32.self)
            if UInt32(littleEndian: word) == 0x54_53_4F_50 { return .post }  // "POST"
            if UInt32(littleEndian: word) == 0x44_41_45_48 { return .head }  // "HEAD"
        case 5:
            if bytes.elementsEqual("PATCH".utf8) { return .patch }
        case 6:
            if bytes.elementsEqual("DELETE".utf8) { return .delete }
        default:
            break
        }
        return HTTPMethod(bytes.string(0..<bytes.count))
    }
}
