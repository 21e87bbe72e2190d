import HTTPCore
@testable import SocketServer
import Testing

/// The exact head bytes the server writes: framing fields are the server's,
/// everything else is the responder's, in its order.
@Suite("Response framing and head bytes")
struct ResponseFramingTests {
    static let date = "Thu, 03 Dec 2026 15:00:00 GMT"

    func wire(_ response: HTTPResponse, method: HTTPMethod? = .get, version: HTTPVersion = .http1_1,
              keepAlive: Bool = true) -> (text: String, framing: ResponseFraming) {
        let framing = ResponseFraming(response: response, method: method, version: version,
                                      keepAlive: keepAlive, date: Array(Self.date.utf8))
        var bytes: [UInt8] = Array("prefix|".utf8)
        framing.writeHeadAndBody(into: &bytes)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.hasPrefix("prefix|"))
        return (String(text.dropFirst("prefix|".count)), framing)
    }

    @Test func responderFramingFieldsAreReplacedAndOtherFieldsKeptInOrder() {
        let response = HTTPResponse(
            status: .ok,
            headers: HTTPHeaders([("Content-Type", "application/json"), ("content-length", "999"),
                                  ("Transfer-Encoding", "gzip"), ("CONNECTION", "upgrade"), ("X-Request-Id", "abc")]),
            body: .bytes(Array(#"{"status":"ok"}"#.utf8)))
        #expect(wire(response).text == "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Request-Id: abc\r\n"
            + "Content-Length: 15\r\nDate: \(Self.date)\r\n\r\n{\"status\":\"ok\"}")
    }

    @Test func responderDateIsKeptAndEmptyBodyHasLengthZero() {
        let response = HTTPResponse(status: .created, headers: ["date": "yesterday"])
        let (text, framing) = wire(response)
        #expect(text == "HTTP/1.1 201 Created\r\ndate: yesterday\r\nContent-Length: 0\r\n\r\n")
        guard case .none = framing.body else {
            Issue.record("an empty body must not be queued")
            return
        }
    }

    @Test func headGetsTheLengthOfGetButNoBody() {
        let full = HTTPResponse(status: .ok, body: .bytes(Array(repeating: 0x61, count: 1_234_567)))
        #expect(wire(full, method: .head).text == "HTTP/1.1 200 OK\r\nContent-Length: 1234567\r\nDate: \(Self.date)\r\n\r\n")
        let stated = HTTPResponse(status: .ok, headers: ["Content-Length": "42"])
        #expect(wire(stated, method: .head).text == "HTTP/1.1 200 OK\r\nContent-Length: 42\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func noContentDropsLengthAndNotModifiedKeepsTheResponders() {
        let noContent = HTTPResponse(status: .noContent, headers: ["Content-Length": "5"], body: .bytes(Array("hello".utf8)))
        #expect(wire(noContent).text == "HTTP/1.1 204 No Content\r\nDate: \(Self.date)\r\n\r\n")
        let notModified = HTTPResponse(status: .notModified, headers: ["ETag": "\"x\"", "Content-Length": "7"])
        #expect(wire(notModified).text == "HTTP/1.1 304 Not Modified\r\nETag: \"x\"\r\nContent-Length: 7\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func connectionFieldSaysCloseOrKeepAliveForHTTP10() {
        let response = HTTPResponse(status: .ok, body: .bytes([0x31]))
        let closing = wire(response, keepAlive: false)
        #expect(closing.text == "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nDate: \(Self.date)\r\nConnection: close\r\n\r\n1")
        #expect(!closing.framing.keepAlive)
        #expect(wire(response, version: .http1_0).text
            == "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nDate: \(Self.date)\r\nConnection: keep-alive\r\n\r\n1")
    }

    @Test func streamsAreChunkedOnHTTP11AndCloseDelimitedOnHTTP10() {
        let stream = HTTPResponse(status: .ok, body: .stream { writer in writer.finish() })
        let chunked = wire(stream)
        #expect(chunked.text == "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nDate: \(Self.date)\r\n\r\n")
        #expect(chunked.framing.chunked && chunked.framing.keepAlive)
        let old = wire(stream, version: .http1_0)
        #expect(old.text == "HTTP/1.1 200 OK\r\nDate: \(Self.date)\r\nConnection: close\r\n\r\n")
        #expect(!old.framing.chunked && !old.framing.keepAlive)
    }

    @Test func statusCodesOutsideThreeDigitsAreStillWritten() {
        let odd = HTTPResponse(status: HTTPStatus(code: 1000, reasonPhrase: "Odd"), body: .bytes([]))
        #expect(wire(odd).text == "HTTP/1.1 1000 Odd\r\nContent-Length: 0\r\nDate: \(Self.date)\r\n\r\n")
    }

    @Test func decimalWidthsAreCountedExactly() {
        for value in [0, 9, 10, 99, 100, 1_234_567, Int.max, -1, -10, Int.min] {
            #expect(HeadBytesWriter.decimalCount(value) == String(value).utf8.count, "\(value)")
            var bytes: [UInt8] = []
            HeadBytesWriter.append(count: HeadBytesWriter.fieldCount("N", decimal: value), to: &bytes) { writer in
                writer.field("N", decimal: value)
            }
            #expect(String(decoding: bytes, as: UTF8.self) == "N: \(value)\r\n")
        }
    }
}
