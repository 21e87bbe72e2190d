import HTTPCore
import Testing

/// Each limit is answered as soon as it is exceeded, before the rest of the request is sent.
@Suite("Parser limits")
struct RequestLimitTests {
    static var small: HTTPParserLimits {
        var limits = HTTPParserLimits()
        limits.maxRequestTargetLength = 64
        limits.maxHeaderLineLength = 80
        limits.maxHeaderCount = 5
        limits.maxBodyLength = 100
        limits.maxChunkLineLength = 40
        return limits
    }

    /// Feeds `prefix` (which is not a complete request) and returns the error `next()` throws.
    static func errorAfterFeeding(_ prefix: String, limits: HTTPParserLimits = small) -> HTTPParseError? {
        var parser = HTTPRequestParser(limits: limits)
        parser.append(Array(prefix.utf8))
        do {
            while try parser.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func targetAtTheLimitIsAccepted() {
        let target = "/" + String(repeating: "a", count: 63)
        let outcome = ParserHarness.parseEveryWay("GET \(target) HTTP/1.1\r\nHost: a\r\n\r\n", limits: Self.small)
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.path == target)
    }

    @Test func longTargetIs414BeforeTheLineEnds() {
        let prefix = "GET /" + String(repeating: "a", count: 64)
        #expect(Self.errorAfterFeeding(prefix)?.status == .uriTooLong)
        #expect(Self.errorAfterFeeding(String(prefix.dropLast())) == nil)
        let outcome = ParserHarness.parseEveryWay(prefix + " HTTP/1.1\r\nHost: a\r\n\r\n", limits: Self.small)
        #expect(outcome.error?.status == .uriTooLong)
    }

    @Test func endlessMethodIsRefused() {
        #expect(Self.errorAfterFeeding(String(repeating: "G", count: 33))?.status == .badRequest)
    }

    @Test func headerLineAtTheLimitIsAccepted() {
        let line = "X-Long: " + String(repeating: "v", count: 72)
        #expect(line.utf8.count == 80)
        let outcome = ParserHarness.parseEveryWay("GET / HTTP/1.1\r\nHost: a\r\n\(line)\r\n\r\n", limits: Self.small)
        #expect(outcome.error == nil)
    }

    @Test func longHeaderLineIs431BeforeTheLineEnds() {
        let line = "X-Long: " + String(repeating: "v", count: 73)
        #expect(Self.errorAfterFeeding("GET / HTTP/1.1\r\nHost: a\r\n" + line)?.status == .requestHeaderFieldsTooLarge)
        #expect(Self.errorAfterFeeding("GET / HTTP/1.1\r\nHost: a\r\n" + line.dropLast()) == nil)
        let outcome = ParserHarness.parseEveryWay("GET / HTTP/1.1\r\nHost: a\r\n\(line)\r\n\r\n", limits: Self.small)
        #expect(outcome.error?.status == .requestHeaderFieldsTooLarge)
    }

    @Test func bareCRAfterAFullLengthLineIs431AtTheNextByte() {
        let line = "X-Long: " + String(repeating: "v", count: 72) + "\r"
        #expect(Self.errorAfterFeeding("GET / HTTP/1.1\r\nHost: a\r\n" + line) == nil)
        #expect(Self.errorAfterFeeding("GET / HTTP/1.1\r\nHost: a\r\n" + line + "x")?.status == .requestHeaderFieldsTooLarge)
    }

    @Test func tooManyHeaderFieldsIs431BeforeTheHeadEnds() {
        let five = "GET / HTTP/1.1\r\nHost: a\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n"
        #expect(Self.errorAfterFeeding(five) == nil)
        #expect(Self.errorAfterFeeding(five + "E: 5\r\n")?.status == .requestHeaderFieldsTooLarge)
        #expect(ParserHarness.parseEveryWay(five + "\r\n", limits: Self.small).error == nil)
        #expect(ParserHarness.parseEveryWay(five + "E: 5\r\n\r\n", limits: Self.small).error?.status == .requestHeaderFieldsTooLarge)
    }

    @Test func contentLengthAboveTheLimitIs413AtHeadTime() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 101\r\n\r\n"
        #expect(Self.errorAfterFeeding(head)?.status == .contentTooLarge)
        let atLimit = "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\n" + String(repeating: "x", count: 100)
        #expect(ParserHarness.parseEveryWay(atLimit, limits: Self.small).requests.first?.body.count == 100)
    }

    @Test func chunkedBodyAboveTheLimitIs413BeforeItsData() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        let fifty = "32\r\n" + String(repeating: "x", count: 50) + "\r\n"
        #expect(Self.errorAfterFeeding(head + fifty + fifty) == nil)
        #expect(Self.errorAfterFeeding(head + fifty + fifty + "1\r\n")?.status == .contentTooLarge)
        #expect(Self.errorAfterFeeding(head + "FFFFFFFFFFFFFFFF\r\n")?.status == .contentTooLarge)
        let outcome = ParserHarness.parseEveryWay(head + fifty + fifty + "0\r\n\r\n", limits: Self.small)
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.body.count == 100)
    }

    @Test func longChunkExtensionIsRefusedBeforeTheLineEnds() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
        #expect(Self.errorAfterFeeding(head + "1;" + String(repeating: "e", count: 39))?.status == .badRequest)
        #expect(Self.errorAfterFeeding(head + "1;" + String(repeating: "e", count: 38)) == nil)
    }

    @Test func tooManyOrTooLongTrailersAre431() {
        let head = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
        #expect(Self.errorAfterFeeding(head + "A: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\nE: 5\r\nF: 6\r\n")?.status == .requestHeaderFieldsTooLarge)
        #expect(Self.errorAfterFeeding(head + "T: " + String(repeating: "t", count: 80))?.status == .requestHeaderFieldsTooLarge)
    }

    @Test func lineWithoutCRLFCannotGrowForever() {
        // Default limits: even an endless header line ends in 431 long before memory matters.
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nX: ".utf8))
        var error: HTTPParseError?
        for _ in 0..<100 where error == nil {
            parser.append([UInt8](repeating: 0x61, count: 1000))
            do { _ = try parser.next() } catch let caught { error = caught }
        }
        #expect(error?.status == .requestHeaderFieldsTooLarge)
    }
}

@Suite("Parser connection states")
struct RequestParserStateTests {
    @Test func betweenRequestsAndReadingBodyFollowTheRequest() throws {
        var parser = HTTPRequestParser()
        #expect(parser.isBetweenRequests)
        #expect(!parser.isReadingBody)

        parser.append(Array("POST / HTTP/1.1\r\nHo".utf8))
        #expect(try parser.next() == nil)
        #expect(!parser.isBetweenRequests)
        #expect(!parser.isReadingBody)

        parser.append(Array("st: a\r\nContent-Length: 4\r\n\r\nab".utf8))
        guard case .head = try parser.next() else { Issue.record("expected head"); return }
        #expect(parser.isReadingBody)
        #expect(!parser.isBetweenRequests)
        guard case .body(let first) = try parser.next() else { Issue.record("expected body"); return }
        #expect(first == Array("ab".utf8))
        #expect(try parser.next() == nil)
        #expect(parser.isReadingBody)

        parser.append(Array("cd".utf8))
        guard case .body(let second) = try parser.next() else { Issue.record("expected body"); return }
        #expect(second == Array("cd".utf8))
        #expect(!parser.isReadingBody)
        guard case .end = try parser.next() else { Issue.record("expected end"); return }
        #expect(parser.isBetweenRequests)
        #expect(try parser.next() == nil)
        #expect(parser.isBetweenRequests)

        parser.append(Array("G".utf8))
        #expect(!parser.isBetweenRequests)
        #expect(try parser.next() == nil)
        #expect(!parser.isBetweenRequests)
    }

    @Test func chunkedBodyKeepsReadingBodyUntilTrailersEnd() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n".utf8))
        var events = 0
        while try parser.next() != nil { events += 1 }
        #expect(events == 2)
        #expect(parser.isReadingBody)
        parser.append(Array("\r\n".utf8))
        guard case .end = try parser.next() else { Issue.record("expected end"); return }
        #expect(!parser.isReadingBody)
        #expect(parser.isBetweenRequests)
    }

    @Test func bytesOfTheNextRequestEndTheIdleState() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET".utf8))
        #expect(!parser.isBetweenRequests)
        guard case .head = try parser.next() else { Issue.record("expected head"); return }
        guard case .end = try parser.next() else { Issue.record("expected end"); return }
        #expect(!parser.isBetweenRequests)
    }

    @Test func largeBodyStreamedInPiecesIsReassembledExactly() throws {
        var limits = HTTPParserLimits()
        limits.maxBodyLength = 300_000
        var parser = HTTPRequestParser(limits: limits)
        let body = (0..<250_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var wire = Array("PUT /blob HTTP/1.1\r\nHost: a\r\nContent-Length: \(body.count)\r\n\r\n".utf8) + body
        wire += Array("GET /after HTTP/1.1\r\nHost: a\r\n\r\n".utf8)
        var received: [UInt8] = []
        var paths: [String] = []
        var offset = 0
        while offset < wire.count {
            let end = min(wire.count, offset + 4093)
            parser.append(Array(wire[offset..<end]))
            offset = end
            while let event = try parser.next() {
                switch event {
                case .head(let head): paths.append(head.path)
                case .body(let bytes): received += bytes
                case .end: break
                }
            }
        }
        #expect(received == body)
        #expect(paths == ["/blob", "/after"])
        #expect(parser.isBetweenRequests)
    }
}
