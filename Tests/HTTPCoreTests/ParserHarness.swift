import HTTPCore
import Testing

/// A request as the parser reported it, comparable across feeding patterns.
struct ParsedRequest: Equatable, CustomStringConvertible {
    var method: String
    var target: String
    var path: String
    var query: String?
    var version: HTTPVersion
    var headers: [String]
    var body: [UInt8] = []
    var ended = false
    var wantsKeepAlive: Bool
    var expectsContinue: Bool

    init(_ head: HTTPRequestHead) {
        method = head.method.rawValue
        target = head.target
        path = head.path
        query = head.query
        version = head.version
        headers = head.headers.map { "\($0.name): \($0.value)" }
        wantsKeepAlive = head.wantsKeepAlive
        expectsContinue = head.expectsContinue
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var description: String { "\(method) \(target) \(headers) body=\(body.count) ended=\(ended)" }
}

/// Everything the parser produced from an input: requests in order, then the error if any.
struct ParseOutcome: Equatable, CustomStringConvertible {
    var requests: [ParsedRequest] = []
    var error: HTTPParseError?
    /// Whether events broke the head → body* → end order.
    var orderViolation: String?

    var description: String { "requests=\(requests) error=\(String(describing: error))" }
}

enum ParserHarness {
    /// Feeds `bytes` in pieces of the given sizes (the last piece takes the rest),
    /// draining events after each piece.
    static func feed(_ bytes: [UInt8], pieces: [Int], limits: HTTPParserLimits = HTTPParserLimits()) -> ParseOutcome {
        var parser = HTTPRequestParser(limits: limits)
        var outcome = ParseOutcome()
        var offset = 0
        var pieceIndex = 0
        while offset < bytes.count {
            let size = pieceIndex < pieces.count ? max(1, pieces[pieceIndex]) : bytes.count - offset
            let end = min(bytes.count, offset + size)
            parser.append(Array(bytes[offset..<end]))
            offset = end
            pieceIndex += 1
            if drain(&parser, into: &outcome) { return outcome }
        }
        return outcome
    }

    /// Drains events; true once an error has been recorded.
    static func drain(_ parser: inout HTTPRequestParser, into outcome: inout ParseOutcome) -> Bool {
        for _ in 0..<1_000_000 {
            do {
                guard let event = try parser.next() else { return false }
                record(event, into: &outcome)
            } catch {
                outcome.error = error
                return true
            }
        }
        Issue.record("parser produced too many events")
        return true
    }

    static func record(_ event: HTTPParserEvent, into outcome: inout ParseOutcome) {
        let inRequest = outcome.requests.last.map { !$0.ended } ?? false
        switch event {
        case .head(let head):
            if inRequest { outcome.orderViolation = outcome.orderViolation ?? "head inside a request" }
            outcome.requests.append(ParsedRequest(head))
        case .body(let bytes):
            if !inRequest { outcome.orderViolation = outcome.orderViolation ?? "body outside a request" }
            if bytes.isEmpty { outcome.orderViolation = outcome.orderViolation ?? "empty body event" }
            if inRequest { outcome.requests[outcome.requests.count - 1].body += bytes }
        case .end:
            if !inRequest { outcome.orderViolation = outcome.orderViolation ?? "end outside a request" }
            if inRequest { outcome.requests[outcome.requests.count - 1].ended = true }
        }
    }

    /// Parses `bytes` whole, one byte at a time, and in a few other splits;
    /// records an issue unless every pattern gives the same outcome, which it returns.
    static func parseEveryWay(
        _ bytes: [UInt8], limits: HTTPParserLimits = HTTPParserLimits(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ParseOutcome {
        let whole = feed(bytes, pieces: [], limits: limits)
        var patterns: [(String, [Int])] = [
            ("byte by byte", Array(repeating: 1, count: bytes.count)),
            ("first byte split", [1]),
            ("pieces of 3", Array(repeating: 3, count: bytes.count)),
            ("pieces of 7", Array(repeating: 7, count: bytes.count)),
        ]
        if bytes.count <= 600 {
            for cut in stride(from: 2, to: bytes.count, by: 1) { patterns.append(("split at \(cut)", [cut])) }
        }
        for (name, pieces) in patterns {
            let other = feed(bytes, pieces: pieces, limits: limits)
            #expect(other == whole, "\(name) differs from whole-buffer feeding", sourceLocation: sourceLocation)
        }
        #expect(whole.orderViolation == nil, sourceLocation: sourceLocation)
        return whole
    }

    static func parseEveryWay(
        _ text: String, limits: HTTPParserLimits = HTTPParserLimits(),
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> ParseOutcome {
        parseEveryWay(Array(text.utf8), limits: limits, sourceLocation: sourceLocation)
    }
}
