import HTTPCore
import Testing

@Suite("Valid requests")
struct RequestParserValidTests {
    @Test func simpleGet() throws {
        let outcome = ParserHarness.parseEveryWay(
            "GET /v1/visits?limit=5&cursor=abc HTTP/1.1\r\nHost: example.com\r\nAccept: application/json\r\nUser-Agent: test/1.0\r\n\r\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(outcome.requests.count == 1)
        #expect(request.method == "GET")
        #expect(request.target == "/v1/visits?limit=5&cursor=abc")
        #expect(request.path == "/v1/visits")
        #expect(request.query == "limit=5&cursor=abc")
        #expect(request.version == .http1_1)
        #expect(request.headers == ["Host: example.com", "Accept: application/json", "User-Agent: test/1.0"])
        #expect(request.body.isEmpty)
        #expect(request.ended)
        #expect(request.wantsKeepAlive)
    }

    @Test func eventsComeInOrderHeadThenEnd() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        guard case .head(let head) = try parser.next() else { Issue.record("expected head"); return }
        #expect(head.path == "/")
        #expect(head.query == nil)
        guard case .end = try parser.next() else { Issue.record("expected end"); return }
        #expect(try parser.next() == nil)
    }

    @Test func postWithContentLength() throws {
        let outcome = ParserHarness.parseEveryWay(
            "POST /v1/visits HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{\"name\":\"x\"}\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.method == "POST")
        #expect(request.bodyText == "{\"name\":\"x\"}\n")
        #expect(request.ended)
    }

    @Test func chunkedWithExtensionsAndTrailers() throws {
        let input = "POST /upload HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "1a;name=value;x=\"quo\\\"ted\"\r\nabcdefghijklmnopqrstuvwxyz\r\n"
            + "5 ; ext\r\nhello\r\n"
            + "A\r\n0123456789\r\n"
            + "0\r\nChecksum: abc\r\nX-Trailer:  v  \r\n\r\n"
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.bodyText == "abcdefghijklmnopqrstuvwxyzhello0123456789")
        #expect(request.ended)
        #expect(!request.headers.contains { $0.hasPrefix("Checksum") })
    }

    @Test func chunkedWithoutTrailers() throws {
        let outcome = ParserHarness.parseEveryWay(
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: Chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.bodyText == "abc")
        #expect(outcome.requests.first?.ended == true)
    }

    @Test func threePipelinedRequestsInOneAppend() throws {
        let input = "GET /one HTTP/1.1\r\nHost: a\r\n\r\n"
            + "POST /two HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc"
            + "PUT /three HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nxy\r\n0\r\n\r\n"
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.path) == ["/one", "/two", "/three"])
        #expect(outcome.requests.map(\.bodyText) == ["", "abc", "xy"])
        #expect(outcome.requests.allSatisfy { $0.ended })
    }

    @Test func pipelinedEventsArriveFromBufferedBytes() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        var paths: [String] = []
        var ends = 0
        while let event = try parser.next() {
            switch event {
            case .head(let head): paths.append(head.path)
            case .body: Issue.record("no body expected")
            case .end: ends += 1
            }
        }
        #expect(paths == ["/a", "/b"])
        #expect(ends == 2)
        #expect(parser.isBetweenRequests)
    }

    @Test func http10WithoutHost() throws {
        let outcome = ParserHarness.parseEveryWay("GET /old HTTP/1.0\r\n\r\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.version == .http1_0)
        #expect(!request.wantsKeepAlive)
    }

    @Test(arguments: [
        ("GET / HTTP/1.1\r\nHost: a\r\n\r\n", true),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n", false),
        ("GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade, CLOSE\r\n\r\n", false),
        ("GET / HTTP/1.0\r\n\r\n", false),
        ("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", true),
        ("GET / HTTP/1.0\r\nConnection: Keep-Alive, close\r\n\r\n", false),
    ])
    func keepAliveSemantics(input: String, keepAlive: Bool) throws {
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error == nil)
        #expect(try #require(outcome.requests.first).wantsKeepAlive == keepAlive)
    }

    @Test(arguments: [
        ("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx", true),
        ("POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-Continue\r\nContent-Length: 1\r\n\r\nx", true),
        ("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nx", false),
        ("POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx", false),
    ])
    func expectContinue(input: String, expects: Bool) throws {
        let outcome = ParserHarness.parseEveryWay(input)
        #expect(outcome.error == nil)
        #expect(try #require(outcome.requests.first).expectsContinue == expects)
    }

    @Test(arguments: [
        ("GET http://example.com:8080/a/b?q=1 HTTP/1.1", "/a/b", "q=1"),
        ("GET http://example.com HTTP/1.1", "/", nil),
        ("GET https://example.com?x HTTP/1.1", "/", "x"),
        ("GET http://[::1]:80/p HTTP/1.1", "/p", nil),
        ("OPTIONS * HTTP/1.1", "*", nil),
        ("GET /%7Euser/a%20b? HTTP/1.1", "/%7Euser/a%20b", ""),
        ("CONNECT example.com:443 HTTP/1.1", "/", nil),
    ] as [(String, String, String?)])
    func targetForms(requestLine: String, path: String, query: String?) throws {
        let outcome = ParserHarness.parseEveryWay(requestLine + "\r\nHost: example.com\r\n\r\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.path == path)
        #expect(request.query == query)
        #expect(request.target == String(requestLine.split(separator: " ")[1]))
    }

    @Test func leadingEmptyLinesAreIgnored() throws {
        let outcome = ParserHarness.parseEveryWay("\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test func fieldValuesAreTrimmedAndNamesKeepTheirCase() throws {
        let outcome = ParserHarness.parseEveryWay(
            "GET / HTTP/1.1\r\nhOsT:a\r\nX-Custom: \t value with  spaces \t\r\nX-Empty:\r\nX-Latin: caf\u{E9}\r\n\r\n")
        #expect(outcome.error == nil)
        let request = try #require(outcome.requests.first)
        #expect(request.headers == ["hOsT: a", "X-Custom: value with  spaces", "X-Empty: ", "X-Latin: café"])
    }

    @Test func obsTextInFieldValueIsAccepted() throws {
        var bytes = Array("GET / HTTP/1.1\r\nHost: a\r\nX-Raw: ".utf8)
        bytes += [0xE9, 0xFF, 0x80]
        bytes += Array("\r\n\r\n".utf8)
        let outcome = ParserHarness.parseEveryWay(bytes)
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 1)
    }

    @Test(arguments: ["5, 5", "5,5", "005"])
    func identicalContentLengthsAreOneValue(value: String) throws {
        let outcome = ParserHarness.parseEveryWay(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: \(value)\r\nContent-Length: 5\r\n\r\nhello")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.bodyText == "hello")
    }

    @Test func zeroContentLengthHasNoBody() throws {
        let outcome = ParserHarness.parseEveryWay(
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 0\r\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.count == 2)
        #expect(outcome.requests.allSatisfy { $0.body.isEmpty && $0.ended })
    }

    @Test func unknownMethodIsAcceptedAsToken() throws {
        let outcome = ParserHarness.parseEveryWay("PROPFIND /x HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(outcome.error == nil)
        #expect(outcome.requests.first?.method == "PROPFIND")
    }

    @Test func emptyHostIsAllowed() throws {
        let outcome = ParserHarness.parseEveryWay("GET / HTTP/1.1\r\nHost:\r\n\r\n")
        #expect(outcome.error == nil)
    }
}
