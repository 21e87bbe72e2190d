import Foundation
import HTTPCore
import SocketServer
import Testing

@Suite("Malformed input, limits and timeouts")
struct ProtectionTests {
    @Test func parseErrorGetsProblemThenClose() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /a HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nxx")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.header("Connection") == "close")
        #expect(response.text.contains(#""status":400"#))
        #expect(client.waitForClose())
        #expect(server.server.statistics.parseErrors == 1)
    }

    @Test func garbageAfterAValidRequestStillGetsTheFirstAnswer() throws {
        let server = try TestServer()
        let client = try server.client()
        try client.send("GET /ok HTTP/1.1\r\nHost: a\r\n\r\nNOT HTTP AT ALL\r\n\r\n")
        #expect(try client.readResponse().text == "GET /ok ")
        #expect(try client.readResponse().status == 400)
        #expect(client.waitForClose())
    }

    @Test func customParseErrorRendering() throws {
        let server = try TestServer { configuration in
            configuration.parseErrorResponse = { status, _ in HTTPResponse(status: status, body: .bytes(Array("custom".utf8))) }
        }
        let client = try server.client()
        try client.send("BROKEN\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.text == "custom")
    }

    @Test func longTargetIs414AndLongHeaderIs431() throws {
        let server = try TestServer { $0.limits.maxRequestTargetLength = 64 }
        let client = try server.client()
        try client.send("GET /\(String(repeating: "a", count: 200)) HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(try client.readResponse().status == 414)
        #expect(client.waitForClose())

        let headers = try server.client()
        try headers.send("GET / HTTP/1.1\r\nHost: a\r\nX-Big: \(String(repeating: "b", count: 9000))\r\n\r\n")
        #expect(try headers.readResponse().status == 431)
        #expect(headers.waitForClose())
    }

    @Test func dripFedHeadIsCutOffByTheHeaderTimeout() throws {
        let server = try TestServer { $0.timeouts.headerRead = .milliseconds(400) }
        let client = try server.client()
        let started = Date()
        var cutOff = false
        // One byte every 50 ms would take 1.5 s for this head; the timer is not reset per byte.
        for byte in Array("GET /drip HTTP/1.1\r\nHost: a\r\nX-Padding: 0123456789\r\n\r\n".utf8) {
            if (try? client.send([byte])) == nil { cutOff = true; break }
            usleep(50_000)
            if Date().timeIntervalSince(started) > 1.2 { break }
        }
        #expect(cutOff || client.waitForClose())
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(server.server.statistics.timeouts.headerRead == 1)
        #expect(server.server.statistics.requestsServed == 0)
    }

    @Test func idleKeepAliveConnectionIsClosed() throws {
        let server = try TestServer { $0.timeouts.idle = .milliseconds(300) }
        let client = try server.client()
        #expect(try client.get("/a").status == 200)
        let started = Date()
        #expect(client.waitForClose())
        let waited = Date().timeIntervalSince(started)
        #expect(waited > 0.2 && waited < 2)
        #expect(server.eventually { server.server.statistics.openConnections == 0 })
        #expect(server.server.statistics.timeouts.idle == 1)
    }

    @Test func bodyReadTimeoutClosesAStalledUpload() throws {
        let server = try TestServer { $0.timeouts.bodyRead = .milliseconds(300) }
        let client = try server.client()
        try client.send("POST /u HTTP/1.1\r\nHost: a\r\nContent-Length: 10\r\n\r\nabc")
        #expect(client.waitForClose())
        #expect(server.server.statistics.timeouts.bodyRead == 1)
    }

    @Test func clientThatNeverReadsIsCutOffAndFreed() throws {
        let server = try TestServer { configuration in
            configuration.timeouts.write = .milliseconds(500)
            configuration.maxBufferedOutputBytes = 1 << 20
        }
        let client = try server.client()
        try client.send("GET /flood HTTP/1.1\r\nHost: a\r\n\r\n")
        // Never read: the producer must be told to stop and the connection freed.
        #expect(server.eventually(within: 10) { server.probe.streamSawClose.load(ordering: .relaxed) })
        #expect(server.eventually { server.server.statistics.openConnections == 0 })
        #expect(server.server.statistics.timeouts.write == 1)
        #expect(server.probe.streamedBytes.load(ordering: .relaxed) < 64 << 20)
    }

    @Test func connectionsBeyondTheCapAreRefusedCleanly() throws {
        let server = try TestServer { $0.maxConnections = 3 }
        let held = try (0..<3).map { _ in try server.client() }
        for client in held { #expect(try client.get("/held").status == 200) }
        let refused = try server.client()
        let refusal = try refused.readResponse()
        #expect(refusal.status == 503)
        #expect(refusal.header("Content-Type") == "application/problem+json")
        #expect(refusal.header("Connection") == "close")
        #expect(refused.waitForClose())
        #expect(server.server.statistics.refusedTotal == 1)
        // Held connections still work, and a slot frees up when one closes.
        #expect(try held[0].get("/still").status == 200)
    }
}
