import HTTPCore
import Testing

@Suite("Response encoder and byte helpers")
struct ResponseEncoderTests {
    @Test func headIsStatusLineFieldsAndBlankLine() {
        var buffer: [UInt8] = [0x2A]
        HTTPResponseEncoder.writeHead(status: .notFound, headers: ["A": "1", "Content-Type": "text/plain; charset=utf-8"], into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self)
            == "*HTTP/1.1 404 Not Found\r\nA: 1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n")
        var odd: [UInt8] = []
        HTTPResponseEncoder.writeStatusLine(HTTPStatus(code: 42, reasonPhrase: "Odd"), into: &odd)
        #expect(String(decoding: odd, as: UTF8.self) == "HTTP/1.1 42 Odd\r\n")
    }

    @Test func decimalFieldsAndChunks() {
        var buffer: [UInt8] = []
        HTTPResponseEncoder.writeField("Content-Length", decimal: 0, into: &buffer)
        HTTPResponseEncoder.writeField("X", decimal: Int.min, into: &buffer)
        HTTPResponseEncoder.writeField("Y", decimal: Int.max, into: &buffer)
        HTTPResponseEncoder.writeChunk(Array(repeating: 0x62, count: 26), into: &buffer)
        HTTPResponseEncoder.writeLastChunk(into: &buffer)
        #expect(String(decoding: buffer, as: UTF8.self) == "Content-Length: 0\r\nX: \(Int.min)\r\nY: \(Int.max)\r\n"
            + "1a\r\n" + String(repeating: "b", count: 26) + "\r\n0\r\n\r\n")
    }

    @Test func appendUTF8CopiesSmallLargeAndBridgedStrings() {
        var buffer: [UInt8] = []
        let large = String(repeating: "é", count: 40)
        buffer.appendUTF8("ok")
        buffer.appendUTF8(large)
        buffer.appendUTF8(String(Substring("--x--").dropFirst(2).dropLast(2)))
        #expect(buffer == Array("ok".utf8) + Array(large.utf8) + [0x78])
    }

    @Test func caseInsensitiveComparisonOnStringsAndSubstrings() {
        #expect("Content-Length".asciiCaseInsensitiveEquals("content-LENGTH"))
        #expect(!"Content-Length".asciiCaseInsensitiveEquals("Content-Lengti"))
        #expect(!"ab".asciiCaseInsensitiveEquals("abc"))
        // Only ASCII letters fold: '@' (0x40) and '`' (0x60) differ by the same bit.
        #expect(!"@".asciiCaseInsensitiveEquals("`"))
        #expect(!"é".asciiCaseInsensitiveEquals("É"))
        let sub = "xx KEEP-alive yy".dropFirst(3).prefix(10)
        #expect(sub.asciiCaseInsensitiveEquals("keep-alive"))
    }

    @Test func removingAnAbsentFieldChangesNothing() {
        let original: HTTPHeaders = ["A": "1", "B": "2"]
        var copy = original
        copy.remove("C")
        #expect(copy.map(\.name) == ["A", "B"])
        copy.remove("a")
        #expect(copy.map(\.name) == ["B"])
        #expect(original.count == 2)
    }
}

@Suite("Request method recognition")
struct MethodRecognitionTests {
    @Test func commonMethodsAreRecognisedCaseSensitively() {
        let methods = ["GET", "PUT", "POST", "HEAD", "PATCH", "DELETE", "GEt", "get", "POSt", "HEAX", "PUTS", "OPTIONS", "BREW"]
        let wire = methods.map { "\($0) /x HTTP/1.1\r\nHost: a\r\n\r\n" }.joined()
        let outcome = ParserHarness.parseEveryWay(wire)
        #expect(outcome.error == nil)
        #expect(outcome.requests.map(\.method) == methods)
    }

    @Test func sharedMethodValuesCompareEqualToTheConstants() throws {
        var parser = HTTPRequestParser()
        parser.append(Array("POST / HTTP/1.1\r\nHost: a\r\n\r\nHEAD / HTTP/1.1\r\nHost: a\r\n\r\n".utf8))
        var seen: [HTTPMethod] = []
        for _ in 0..<4 {
            if case .head(let head) = try parser.next() { seen.append(head.method) }
        }
        #expect(seen == [.post, .head])
    }
}

@Suite("Token lists in header fields")
struct TokenListTests {
    @Test func tokensAreFoundInAnyFieldOfTheNameTrimmedAndCaseInsensitive() {
        let headers = HTTPHeaders([("Connection", "upgrade"), ("connection", " \tKeep-Alive ,CLOSE\t"), ("Vary", "Accept-Encoding")])
        #expect(headers.containsToken("close", in: "Connection"))
        #expect(headers.containsToken("keep-alive", in: "CONNECTION"))
        #expect(headers.containsToken("Upgrade", in: "connection"))
        #expect(!headers.containsToken("clos", in: "Connection"))
        #expect(!headers.containsToken("close,", in: "Connection"))
        #expect(!headers.containsToken("accept-encoding", in: "Connection"))
        #expect(headers.containsToken("accept-encoding", in: "vary"))
    }

    @Test func emptyElementsAndEmptyTokensNeverMatch() {
        let headers = HTTPHeaders([("Connection", ""), ("Connection", " , ,"), ("X", "a,,b")])
        #expect(!headers.containsToken("", in: "Connection"))
        #expect(!headers.containsToken("", in: "X"))
        #expect(headers.containsToken("b", in: "X"))
        #expect(!headers.containsToken("close", in: "Missing"))
    }

    @Test func nonContiguousStringsAreHandledToo() {
        // Foundation-bridged or lazily built strings may not be contiguous; Substring-built ones are.
        let value = String("xx, close".dropFirst(0))
        #expect(HTTPHeaders([("Connection", value)]).containsToken("close", in: "Connection"))
    }
}
