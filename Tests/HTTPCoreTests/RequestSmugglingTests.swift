import HTTPCore
import Testing

/// Every shape that could make two parsers disagree about message boundaries is refused.
@Suite("Request smuggling shapes and malformed messages")
struct RequestSmugglingTests {
    static let head = "POST / HTTP/1.1\r\nHost: a\r\n"

    static let badFraming: [String] = [
        // Content-Length together with Transfer-Encoding, either order.
        head + "Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\nContent-Length: 3\r\n\r\n3\r\nabc\r\n0\r\n\r\n",
        // Differing duplicate Content-Length.
        head + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        head + "Content-Length: 3, 4\r\n\r\nabcd",
        // Non-digit, signed, spaced, empty, overflowing Content-Length.
        head + "Content-Length: 3a\r\n\r\nabc",
        head + "Content-Length: +3\r\n\r\nabc",
        head + "Content-Length: -1\r\n\r\n",
        head + "Content-Length: 1 2\r\n\r\n",
        head + "Content-Length: 0x10\r\n\r\n",
        head + "Content-Length:\r\n\r\n",
        head + "Content-Length: 5,\r\n\r\nhello",
        head + "Content-Length: 99999999999999999999999\r\n\r\n",
        // Transfer-Encoding whose final coding is not chunked, or chunked twice.
        head + "Transfer-Encoding: gzip\r\n\r\n",
        head + "Transfer-Encoding: chunked, gzip\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n",
        head + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        head + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        head + "Transfer-Encoding: xchunked\r\n\r\n",
        head + "Transfer-Encoding: chunked;q=1\r\n\r\n",
        head + "Transfer-Encoding: \"chunked\"\r\n\r\n",
        head + "Transfer-Encoding: , chunked\r\n\r\n",
        head + "Transfer-Encoding:\r\n\r\n",
        // Transfer-Encoding in HTTP/1.0.
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    ]

    @Test(arguments: badFraming)
    func ambiguousFramingIsRefused(input: String) {
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error?.status == .badRequest, "\(outcome)")
        #expect(outcome.requests.isEmpty)
    }

    @Test func unsupportedCodingBeforeChunkedIsNotImplemented() {
        let outcome = ParserHarness.parseEveryWay(Self.head + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n")
        #expect(outcome.error?.status == .notImplemented)
    }

    static let malformedHeads: [String] = [
        // obs-fold.
        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n",
        "GET / HTTP/1.1\r\n Host: a\r\n\r\n",
        // Bare LF / bare CR in request line and field lines.
        "GET / HTTP/1.1\nHost: a\r\n\r\n",
        "GET / HTTP/1.1\rHost: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\n",
        "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: b\rc\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n\r\r\n",
        "GET /a\rb HTTP/1.1\r\nHost: a\r\n\r\n",
        "\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "\rGET / HTTP/1.1\r\nHost: a\r\n\r\n",
        // Field name problems.
        "GET / HTTP/1.1\r\nHost : a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost\t: a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\n: empty\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX(Y): z\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX\u{1}: z\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nNoColon\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX-\u{E9}: z\r\n\r\n",
        // Control characters in values.
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{0}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{1B}b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nX: a\u{7F}b\r\n\r\n",
        // Host: missing, repeated, invalid.
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: exa mple.com\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: user@a\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a:80x\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a%zz\r\n\r\n",
        // Request line shapes.
        "GET  / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /  HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: a\r\n\r\n",
        "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n",
        " GET / HTTP/1.1\r\nHost: a\r\n\r\n",
        "G(T / HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /\r\n\r\n",
        "GET / HTTP/2.0\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.2\r\nHost: a\r\n\r\n",
        "GET / http/1.1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1.10\r\nHost: a\r\n\r\n",
        "GET / HTTP/1\r\nHost: a\r\n\r\n",
        // Found by fuzzing: a byte below "0" as the minor version overflowed.
        "GET / HTTP/1.\u{8}1\r\nHost: a\r\n\r\n",
        "GET / HTTP/1./\r\nHost: a\r\n\r\n",
        "GET /a#frag HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET /caf\u{E9} HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET * HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET example.com:80 HTTP/1.1\r\nHost: a\r\n\r\n",
        "CONNECT /path HTTP/1.1\r\nHost: a\r\n\r\n",
        "CONNECT example.com HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET http:/a HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET http:// HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET http://user@host/ HTTP/1.1\r\nHost: a\r\n\r\n",
        "GET 1http://a/ HTTP/1.1\r\nHost: a\r\n\r\n",
        "\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n",
    ]

    @Test(arguments: malformedHeads)
    func malformedHeadIsRefused(input: String) {
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error?.status == .badRequest, "\(outcome)")
        #expect(outcome.requests.isEmpty)
    }

    /// Long values are checked eight bytes at a time: a bad byte is found at every position.
    @Test(arguments: 0..<24)
    func controlCharacterAnywhereInALongValueIsRefused(position: Int) {
        for bad: UInt8 in [0x00, 0x01, 0x0D, 0x1F, 0x7F] {
            var value = Array("abcdefghijklmnopqrstuvwx".utf8)
            value[position] = bad
            let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Long: ".utf8) + value + Array("\r\n\r\n".utf8)
            let outcome = ParserHarness.parseEveryWay(bytes)
            #expect(outcome.error?.status == .badRequest, "byte \(bad) at \(position)")
        }
        var allowed = Array("abcdefghijklmnopqrstuvwx".utf8)
        allowed[position] = position % 2 == 0 ? 0x09 : 0x80 + UInt8(position)
        let bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Long: ".utf8) + allowed + Array("\r\n\r\n".utf8)
        #expect(ParserHarness.parseEveryWay(bytes).error == nil)
    }

    static let chunkPrefix = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
    static let badChunks: [String] = [
        "g\r\nabc\r\n0\r\n\r\n",  // non-hex size
        "\r\nabc\r\n0\r\n\r\n",  // empty size
        "-1\r\nabc\r\n0\r\n\r\n",
        "0x3\r\nabc\r\n0\r\n\r\n",
        "+3\r\nabc\r\n0\r\n\r\n",
        " 3\r\nabc\r\n0\r\n\r\n",
        "3 \r\nabc\r\n0\r\n\r\n",  // trailing whitespace without an extension
        "10000000000000003\r\nabc\r\n0\r\n\r\n",  // 17 hex digits
        "3\nabc\r\n0\r\n\r\n",  // bare LF after size
        "3\rabc\r\n0\r\n\r\n",  // bare CR after size
        "3\r\nabcX\r\n0\r\n\r\n",  // data longer than its size
        "3\r\nabc\n0\r\n\r\n",  // bare LF after data
        "3\r\nabc\r0\r\n\r\n",  // bare CR after data
        "3\r\nabc0\r\n\r\n",  // no CRLF after data
        "3;\r\nabc\r\n0\r\n\r\n",  // extension without name
        "3;a=\r\nabc\r\n0\r\n\r\n",  // extension without value
        "3;a=\"x\r\nabc\r\n0\r\n\r\n",  // unterminated quoted value
        "3;a b\r\nabc\r\n0\r\n\r\n",
        "3;a=b\u{0}\r\nabc\r\n0\r\n\r\n",
        "3\r\nabc\r\n0\r\nX : y\r\n\r\n",  // bad trailer name
        "3\r\nabc\r\n0\r\nX: a\u{1}b\r\n\r\n",  // control in trailer value
        "3\r\nabc\r\n0\r\n folded\r\n\r\n",  // obs-fold in trailers
        "3\r\nabc\r\n0\r\nX: y\n\r\n",  // bare LF in trailers
        "3\r\nabc\r\n0\r\n\n",  // bare LF ending trailers
    ]

    @Test(arguments: badChunks)
    func badChunkedBodyIsRefused(chunks: String) {
        let outcome = ParserHarness.parseEveryWay(Self.chunkPrefix + chunks)
        #expect(outcome.error?.status == .badRequest, "\(outcome)")
        #expect(outcome.requests.count == 1)
        #expect(outcome.requests.first?.ended == false)
    }

    @Test func errorIsStickyAndLaterBytesAreIgnored() {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        #expect(throws: HTTPParseError.self) { try parser.next() }
        #expect(!parser.isBetweenRequests)
    }
}
