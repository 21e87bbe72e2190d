import COpenSSL
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    @Suite struct SessionResumptionTests {
        enum Mode: String, CaseIterable, CustomTestStringConvertible {
            case tls13Ticket, tls12Ticket, tls12SessionCache
            var testDescription: String { rawValue }
        }

        @Test(arguments: Mode.allCases)
        func secondConnectionResumesTheFirstSession(mode: Mode) throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            if mode != .tls13Ticket { options.maximumVersion = TLS1_2_VERSION }
            options.disableTickets = mode == .tls12SessionCache

            let (first, firstServer) = try fixture.connectedPair(options)
            #expect(!first.sessionReused)
            // TLS 1.3 tickets arrive after the handshake: exchange data so the client reads them.
            let reply = Array("hello".utf8)
            try reply.withUnsafeBytes { try firstServer.writePlaintext($0) }
            first.deliver(from: firstServer)
            #expect(try first.read().bytes == reply)
            let session = try #require(SSL_get1_session(first.ssl))
            defer { SSL_SESSION_free(session) }
            #expect(SSL_SESSION_is_resumable(session) == 1)

            let (second, secondServer) = try fixture.connectedPair(options, session: session)
            #expect(second.sessionReused)
            #expect(secondServer.negotiatedVersion == (mode == .tls13Ticket ? "TLSv1.3" : "TLSv1.2"))
        }

        @Test func sessionsDoNotResumeOnAReloadedContextWithNewTicketKeys() throws {
            let fixture = try TLSFixture()
            let (first, firstServer) = try fixture.connectedPair()
            try [1].withUnsafeBytes { try firstServer.writePlaintext($0) }
            first.deliver(from: firstServer)
            _ = try first.read()
            let session = try #require(SSL_get1_session(first.ssl))
            defer { SSL_SESSION_free(session) }
            try fixture.context.reload()
            // A full handshake happens instead; nothing fails.
            let (second, _) = try fixture.connectedPair(session: session)
            #expect(!second.sessionReused)
        }
    }
}
