import HTTPTestClient
import Foundation
import HTTPCore
import SocketServer
import Testing

@Suite("Request/response exchanges over real sockets")
struct ExchangeTests {
    @Test func keepAliveServesTwoRequestsOnOneConnection() throws {
        let server = try TestServer()
        let client = try server.client()
        let first = try client.get("/one")
        #expect(first.status == 200)
        #expect(first.text == "GET /one ")
        #expect(first.header("Connection") == nil)
        #expect(first.header("Date")?.hasSuffix("GMT") == true)
        #expect(first.header("Content-Length") == "9")
        let second = try client.get("/two")
        #expect(second.text == "GET /two ")
        #expect(server.server.statistics.acceptedTotal == 1)
        #expect(server.server.statistics.requestsServed == 2)
    }

    @Test func pipelinedRequestsAreAnsweredInOrder() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /slow?ms=300 HTTP/1.1\r\nHost: a\r\n\r\nGET /async HTTP/1.1\r\nHost: a\r\n\r\nPOST /third HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc")
        #expect(try client.readResponse().text == "slow done")
        #expect(try client.readResponse().text == "async GET")
        #expect(try client.readResponse().text == "POST /third abc")
    }

    @Test func http10ClosesUnlessKeepAliveAsked() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /a HTTP/1.0\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 200)
        #expect(response.header("Connection") == "close")
        #expect(client.waitForClose())

        let keeping = try server.client()
        try keeping.send("GET /b HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try keeping.readResponse().header("Connection") == "keep-alive")
        try keeping.send("GET /c HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
        #expect(try keeping.readResponse().text == "GET /c ")
    }

    @Test func expectContinueGetsInterimResponseBeforeBody() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n")
        let interim = try client.readResponse()
        #expect(interim.status == 100)
        try client.send("hello")
        let final = try client.readResponse()
        #expect(final.status == 200)
        #expect(final.text == "POST /upload hello")
    }

    @Test func tooLargeBodyIsRefusedBeforeReading() throws {
        let server = try TestServer { $0.limits.maxBodyLength = 100 }
        let client = try server.client()
        try client.send("POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: 1000000\r\nExpect: 100-continue\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 413)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        #expect(client.waitForClose())
    }

    @Test func headGetsGetLengthWithoutBody() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("HEAD /thing HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try client.readResponse(forHead: true)
        #expect(response.status == 200)
        #expect(response.header("Content-Length") == String("HEAD /thing ".utf8.count))
        // The next response must start right after the head: no stray body bytes.
        #expect(try client.get("/after").text == "GET /after ")
    }

    @Test func chunkedRequestBodyIsDechunked() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("POST /c HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n4\r\ndefg\r\n0\r\n\r\n")
        #expect(try client.readResponse().text == "POST /c abcdefg")
    }

    @Test func noContentHasNoBodyNorLength() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.get("/nocontent")
        #expect(response.status == 204)
        #expect(response.header("Content-Length") == nil)
        #expect(try client.get("/x").text == "GET /x ")
    }

    @Test func streamedBodyIsChunkedOnHTTP11AndCloseDelimitedOn10() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.get("/stream?n=3")
        #expect(response.header("Transfer-Encoding") == "chunked")
        #expect(response.text == "chunk 0\nchunk 1\nchunk 2\n")
        #expect(try client.get("/after").text == "GET /after ")

        let old = try server.client()
        try old.send("GET /stream?n=2 HTTP/1.0\r\n\r\n")
        let closeDelimited = try old.readResponse()
        #expect(closeDelimited.header("Transfer-Encoding") == nil)
        #expect(closeDelimited.header("Connection") == "close")
        #expect(closeDelimited.text == "chunk 0\nchunk 1\n")
    }

    @Test func responderAskingForCloseGetsIt() throws {
        let server = try TestServer()
        let client = try server.client()
        let response = try client.get("/close")
        #expect(response.header("Connection") == "close")
        #expect(client.waitForClose())
    }

    @Test func secondCompletionCallIsIgnored() throws {
        let server = try TestServer()
        let client = try server.client()
        #expect(try client.get("/twice").text == "first")
        #expect(try client.get("/next").text == "GET /next ")
    }

    @Test func servesIPv6Loopback() throws {
        let server = try TestServer { $0.host = "::1" }
        let client = try TestClient(host: "::1", port: server.port)
        #expect(try client.get("/v6").text == "GET /v6 ")
    }

    @Test func dualStackListenerServesBothFamilies() throws {
        let server = try TestServer { $0.host = "::" }
        #expect(try TestClient(host: "::1", port: server.port).get("/six").status == 200)
        #expect(try TestClient(host: "127.0.0.1", port: server.port).get("/four").status == 200)
    }

    @Test func unparseableHostIsAStartError() {
        let server = HTTPServer(configuration: ServerConfiguration(host: "not a host"), responder: TestResponder(probe: ResponderProbe()), logger: .silent)
        #expect(throws: ServerStartError.self) { try server.start() }
    }
}
