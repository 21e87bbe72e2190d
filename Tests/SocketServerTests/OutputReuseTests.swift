import HTTPTestClient
import Foundation
import HTTPCore
import Testing

/// Each loop lends one output buffer to whichever connection answers next and
/// gets it back once sent; TLS responses are encrypted head and body together.
/// Interleaving connections and sizes must never mix bytes between them.
@Suite("Output buffers shared across connections")
struct OutputReuseTests {
    static func exchange(_ clients: [TestClient]) throws {
        let large = String(repeating: "0123456789abcdef", count: 8_000) // 128 KB, past the spare buffer limit
        for round in 0..<6 {
            for (index, client) in clients.enumerated() {
                if (round + index) % 3 == 0 {
                    try client.send("POST /big\(index) HTTP/1.1\r\nHost: a\r\nContent-Length: \(large.utf8.count)\r\n\r\n\(large)")
                    let response = try client.readResponse()
                    #expect(response.text == "POST /big\(index) \(large)")
                } else {
                    // Two pipelined small requests: both answers queued in one drive.
                    try client.send("GET /s\(round)-\(index) HTTP/1.1\r\nHost: a\r\n\r\nPUT /t\(index) HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\n\r\nz")
                    #expect(try client.readResponse().text == "GET /s\(round)-\(index) ")
                    #expect(try client.readResponse().text == "PUT /t\(index) z")
                }
            }
        }
    }

    @Test func plainConnectionsTakeTurns() throws {
        let server = try TestServer { $0.eventLoopCount = 1 }
        try Self.exchange([try server.client(), try server.client(), try server.client()])
    }

    @Test func tlsConnectionsTakeTurns() throws {
        let fixture = try TLSServerTests.Fixture { $0.eventLoopCount = 1 }
        try Self.exchange([try fixture.client(), try fixture.client(), try fixture.client()])
    }
}
