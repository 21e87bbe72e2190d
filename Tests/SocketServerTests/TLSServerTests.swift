import HTTPTestClient
import Foundation
import HTTPCore
import SocketServer
import TLSTransport
import Testing

/// HTTPS through the real server with an OpenSSL client on a blocking socket.
@Suite("TLS over the event loops")
struct TLSServerTests {
    /// A development certificate in a fresh temp directory, and a server using it.
    final class Fixture {
        let directory: String
        let context: TLSContext
        let server: TestServer
        var caPath: String { context.configuration.certificateChainPath }

        init(_ configure: @escaping (inout ServerConfiguration) -> Void = { _ in }) throws {
            directory = NSTemporaryDirectory() + "klipso-server-tls-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let (configuration, created) = try DevelopmentCertificate.ensure(in: directory)
            #expect(created)
            let context = try TLSContext(configuration: configuration)
            self.context = context
            server = try TestServer { serverConfiguration in
                serverConfiguration.tls = context
                configure(&serverConfiguration)
            }
        }

        func client() throws -> TestClient {
            let client = try server.client()
            try client.startTLS(trusting: caPath)
            return client
        }

        deinit { try? FileManager.default.removeItem(atPath: directory) }
    }

    @Test func handshakeThenKeepAliveRequestsWithALPN() throws {
        let fixture = try Fixture()
        let client = try fixture.server.client()
        let protocolName = try client.startTLS(trusting: fixture.caPath)
        #expect(protocolName == "http/1.1")
        #expect(try client.get("/secure").text == "GET /secure ")
        #expect(try client.get("/again").text == "GET /again ")
        let statistics = fixture.server.server.statistics
        #expect(statistics.tlsHandshakesCompleted == 1)
        #expect(statistics.tlsHandshakesFailed == 0)
    }

    @Test func largeBodiesBothWaysAndPipelining() throws {
        let fixture = try Fixture()
        let client = try fixture.client()
        let payload = String(repeating: "0123456789abcdef", count: 20_000) // 320 KB
        try client.send("POST /big HTTP/1.1\r\nHost: a\r\nContent-Length: \(payload.utf8.count)\r\n\r\n\(payload)GET /next HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.body.count == "POST /big ".utf8.count + payload.utf8.count)
        #expect(response.text.hasSuffix("cdef"))
        #expect(try client.readResponse().text == "GET /next ")
        #expect(try client.get("/stream?n=50").text.hasSuffix("chunk 49\n"))
    }

    @Test func plainHTTPOnTheTLSPortGetsAPlainAnswer() throws {
        let fixture = try Fixture()
        let client = try fixture.server.client()
        try client.send("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Connection") == "close")
        #expect(response.text.contains("https"))
        #expect(client.waitForClose())
    }

    @Test func silentClientIsCutOffByTheHandshakeTimeout() throws {
        let fixture = try Fixture { $0.timeouts.tlsHandshake = .milliseconds(300) }
        let client = try fixture.server.client()
        let started = Date()
        #expect(client.waitForClose())
        #expect(Date().timeIntervalSince(started) < 2)
        #expect(fixture.server.server.statistics.timeouts.tlsHandshake == 1)
    }

    @Test func reloadServesTheNewCertificateAndKeepsOpenConnections() throws {
        let fixture = try Fixture()
        let existing = try fixture.client()
        #expect(try existing.get("/before").status == 200)
        let oldCertificate = try #require(existing.peerCertificateDER())

        // Replace the files with a new certificate, then reload.
        try FileManager.default.removeItem(atPath: fixture.context.configuration.certificateChainPath)
        try FileManager.default.removeItem(atPath: fixture.context.configuration.privateKeyPath)
        _ = try DevelopmentCertificate.ensure(in: fixture.directory)
        try fixture.server.server.reloadTLS()

        let fresh = try fixture.client()
        let newCertificate = try #require(fresh.peerCertificateDER())
        #expect(newCertificate != oldCertificate)
        #expect(try fresh.get("/new").status == 200)
        #expect(try existing.get("/still-open").text == "GET /still-open ")
    }

    @Test func failedReloadKeepsServingTheOldCertificate() throws {
        let fixture = try Fixture()
        let before = try fixture.client()
        let certificate = try #require(before.peerCertificateDER())
        let path = fixture.context.configuration.certificateChainPath
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: TLSError.self) { try fixture.server.server.reloadTLS() }
        try original.write(to: URL(fileURLWithPath: path))
        let after = try fixture.client()
        #expect(after.peerCertificateDER() == certificate)
        #expect(try after.get("/ok").status == 200)
    }
}
