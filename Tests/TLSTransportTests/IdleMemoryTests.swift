import COpenSSL
import Glibc
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    /// Idle connections must stay small: the server holds thousands of them.
    ///
    /// OpenSSL 3.0 itself needs about 15 KiB per handshaken connection (the
    /// `SSL` struct alone is 7.6 KiB, two AES-GCM contexts 2.3 KiB, the session
    /// 1 KiB); without `SSL_MODE_RELEASE_BUFFERS` it would be about 48 KiB.
    /// The budget catches buffers kept alive after a request (BIO or record
    /// buffers), not OpenSSL's fixed floor.
    @Suite struct IdleMemoryTests {
        static let connections = 400
        static let budgetPerConnection = 20 * 1024

        @Test(.enabled(if: HeapUsage.isAvailable), arguments: [TLS1_3_VERSION, TLS1_2_VERSION])
        func idleConnectionsStaySmall(version: Int32) throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.maximumVersion = version
            // Warm up OpenSSL's lazily built tables before measuring.
            _ = try exchangeOneRequest(fixture, options)
            var held: [TLSConnection] = []
            held.reserveCapacity(Self.connections)
            let before = try #require(HeapUsage.bytesInUse())
            for _ in 0..<Self.connections { held.append(try exchangeOneRequest(fixture, options)) }
            let after = try #require(HeapUsage.bytesInUse())
            let perConnection = (after - before) / Self.connections
            print("TLS \(version == TLS1_3_VERSION ? "1.3" : "1.2") idle connection heap: \(perConnection) bytes")
            #expect(perConnection < Self.budgetPerConnection)
            #expect(held.allSatisfy { $0.isHandshakeComplete })
        }

        @Test(.enabled(if: HeapUsage.isAvailable))
        func releasedConnectionsGiveTheirMemoryBack() throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.disableTickets = true
            options.maximumVersion = TLS1_3_VERSION
            _ = try exchangeOneRequest(fixture, options)
            let before = try #require(HeapUsage.bytesInUse())
            for _ in 0..<Self.connections { _ = try exchangeOneRequest(fixture, options) }
            let after = try #require(HeapUsage.bytesInUse())
            // A leaked SSL would cost ~15 KiB each; allow a little slack for OpenSSL's lazily grown caches.
            #expect(after - before < Self.connections * 512)
        }

        /// A handshake plus one request and response; returns the idle server side.
        private func exchangeOneRequest(_ fixture: TLSFixture, _ options: ClientOptions) throws -> TLSConnection {
            let (client, server) = try fixture.connectedPair(options)
            try client.write(Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8))
            var request: [UInt8] = []
            try client.exchange(with: server, serverPlaintext: &request)
            try Array("HTTP/1.1 204 No Content\r\n\r\n".utf8).withUnsafeBytes { try server.writePlaintext($0) }
            client.deliver(from: server)
            _ = try client.read()
            server.releaseIdleBuffers()  // as the server does when a connection starts waiting
            return server
        }
    }
}
