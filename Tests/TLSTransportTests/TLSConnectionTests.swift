import COpenSSL
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    @Suite struct TLSConnectionTests {
        @Test func verifiedHandshakeCarriesDataBothWaysAndCloses() throws {
            let fixture = try TLSFixture()
            let (client, server) = try fixture.connectedPair()
            #expect(server.isHandshakeComplete)
            #expect(server.negotiatedVersion == "TLSv1.3")
            #expect(server.negotiatedProtocol == "http/1.1")
            #expect(SSL_get_verify_result(client.ssl) == X509_V_OK)

            let request = Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
            try client.write(request)
            var received: [UInt8] = []
            #expect(try client.exchange(with: server, serverPlaintext: &received) == .needMoreData)
            #expect(received == request)

            let response = Array("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".utf8)
            try response.withUnsafeBytes { try server.writePlaintext($0) }
            #expect(server.hasPendingCiphertext)
            client.deliver(from: server)
            #expect(!server.hasPendingCiphertext)
            #expect(try client.read().bytes == response)

            client.shutdown()
            var afterClose: [UInt8] = []
            #expect(try client.exchange(with: server, serverPlaintext: &afterClose) == .closed)
            #expect(afterClose.isEmpty)
            var again: [UInt8] = []
            #expect(try server.readPlaintext(into: &again) == .closed)
            server.shutdown()
            client.deliver(from: server)
            #expect(try client.read().closed)
        }

        @Test func largeTransfersSurviveIntact() throws {
            let fixture = try TLSFixture()
            let (client, server) = try fixture.connectedPair()
            let upload = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try client.write(upload)
            var received: [UInt8] = []
            try client.exchange(with: server, serverPlaintext: &received)
            #expect(received == upload)

            let download = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try download.withUnsafeBytes { try server.writePlaintext($0) }
            client.deliver(from: server)
            #expect(try client.read().bytes == download)
            // Large buffers were released once drained.
            #expect(try memoryBIOCapacity(server.readBIO) <= TLSConnection.retainedBufferLimit)
            #expect(try memoryBIOCapacity(server.writeBIO) <= TLSConnection.retainedBufferLimit)
        }

        @Test func idleConnectionsCanGiveBackTheirBuffers() throws {
            let fixture = try TLSFixture()
            let (client, server) = try fixture.connectedPair()
            let response = [UInt8](repeating: 42, count: 8 * 1024)
            try response.withUnsafeBytes { try server.writePlaintext($0) }
            client.deliver(from: server)
            #expect(try memoryBIOCapacity(server.writeBIO) > TLSConnection.idleBufferLimit)
            server.releaseIdleBuffers()
            #expect(try memoryBIOCapacity(server.writeBIO) <= TLSConnection.idleBufferLimit)
            #expect(try memoryBIOCapacity(server.readBIO) <= TLSConnection.idleBufferLimit)
            // The connection works as before.
            #expect(try client.read().bytes == response)
            try client.write([1, 2, 3])
            var received: [UInt8] = []
            try client.exchange(with: server, serverPlaintext: &received)
            #expect(received == [1, 2, 3])
            try [UInt8(4)].withUnsafeBytes { try server.writePlaintext($0) }
            client.deliver(from: server)
            #expect(try client.read().bytes == [4])
        }

        @Test func handshakeAndDataSurviveOneByteAtATime() throws {
            let fixture = try TLSFixture()
            let client = try TestTLSClient(fixture.clientOptions())
            let server = try fixture.context.makeConnection()
            var plaintext: [UInt8] = []
            for _ in 0..<10 where !(client.isHandshakeComplete && server.isHandshakeComplete) {
                _ = SSL_do_handshake(client.ssl)
                var outgoing = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(client.writeBIO)))
                _ = BIO_read(client.writeBIO, &outgoing, Int32(outgoing.count))
                for byte in outgoing {
                    [byte].withUnsafeBytes { server.receiveCiphertext($0) }
                    #expect(try server.readPlaintext(into: &plaintext) == .needMoreData)
                }
                client.deliver(from: server)
            }
            #expect(client.isHandshakeComplete && server.isHandshakeComplete)
            let message = Array("drip-fed".utf8)
            try client.write(message)
            var outgoing = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(client.writeBIO)))
            _ = BIO_read(client.writeBIO, &outgoing, Int32(outgoing.count))
            for byte in outgoing {
                [byte].withUnsafeBytes { server.receiveCiphertext($0) }
                _ = try server.readPlaintext(into: &plaintext)
            }
            #expect(plaintext == message)
        }

        @Test func alpnWithoutHTTP11ProceedsWithoutAProtocol() throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.alpn = ["h2", "spdy/3"]
            let (client, server) = try fixture.connectedPair(options)
            #expect(server.negotiatedProtocol == nil)
            #expect(client.isHandshakeComplete)
            options.alpn = []
            let (_, plainServer) = try fixture.connectedPair(options)
            #expect(plainServer.negotiatedProtocol == nil)
        }

        @Test func tls12UsesAForwardSecretAEADSuite() throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.maximumVersion = TLS1_2_VERSION
            let (client, server) = try fixture.connectedPair(options)
            #expect(server.negotiatedVersion == "TLSv1.2")
            #expect(client.cipher == "ECDHE-ECDSA-AES128-GCM-SHA256")
            #expect(server.negotiatedProtocol == "http/1.1")
        }

        @Test(arguments: [TLS1_VERSION, TLS1_1_VERSION])
        func oldProtocolVersionsAreRefused(version: Int32) throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.maximumVersion = version
            options.cipherList = "ALL:@SECLEVEL=0"
            let server = try fixture.context.makeConnection()
            #expect(throws: TLSError.self) { try TestTLSClient(options).handshake(with: server) }
            #expect(!server.isHandshakeComplete)
        }

        @Test(arguments: ["AES128-SHA", "AES128-GCM-SHA256", "ECDHE-ECDSA-AES128-SHA256", "ECDHE-ECDSA-AES128-SHA"])
        func nonAEADOrNonForwardSecretSuitesAreRefused(cipher: String) throws {
            let fixture = try TLSFixture()
            var options = fixture.clientOptions()
            options.maximumVersion = TLS1_2_VERSION
            options.cipherList = cipher
            let server = try fixture.context.makeConnection()
            let error = #expect(throws: TLSError.self) { try TestTLSClient(options).handshake(with: server) }
            #expect(error?.description.contains("no shared cipher") == true)
        }

        @Test func plainHTTPThrowsAndKeepsThrowing() throws {
            let fixture = try TLSFixture()
            let server = try fixture.context.makeConnection()
            let request = Array("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".utf8)
            #expect(!TLSConnection.looksLikeTLSClientHello(firstByte: request[0]))
            request.withUnsafeBytes { server.receiveCiphertext($0) }
            var plaintext: [UInt8] = []
            let error = #expect(throws: TLSError.self) { try server.readPlaintext(into: &plaintext) }
            #expect(error?.details.isEmpty == false)
            #expect(throws: TLSError.self) { try server.readPlaintext(into: &plaintext) }
            #expect(throws: TLSError.self) { try [1, 2].withUnsafeBytes { try server.writePlaintext($0) } }
            server.shutdown()  // harmless after a failure
            #expect(plaintext.isEmpty)
        }

        @Test func garbageAfterTheHandshakeThrows() throws {
            let fixture = try TLSFixture()
            let (_, server) = try fixture.connectedPair()
            let garbage = [UInt8](repeating: 0x17, count: 5) + [UInt8](repeating: 0xAB, count: 64)
            garbage.withUnsafeBytes { server.receiveCiphertext($0) }
            var plaintext: [UInt8] = []
            #expect(throws: TLSError.self) { try server.readPlaintext(into: &plaintext) }
        }

        @Test func writingBeforeTheHandshakeThrows() throws {
            let fixture = try TLSFixture()
            let server = try fixture.context.makeConnection()
            #expect(throws: TLSError.self) { try [1].withUnsafeBytes { try server.writePlaintext($0) } }
            #expect(server.negotiatedVersion == nil)
            #expect(!server.hasPendingCiphertext)
        }

        @Test func recognisesAClientHelloByItsFirstByte() {
            #expect(TLSConnection.looksLikeTLSClientHello(firstByte: 0x16))
            #expect(!TLSConnection.looksLikeTLSClientHello(firstByte: UInt8(ascii: "G")))
            #expect(!TLSConnection.looksLikeTLSClientHello(firstByte: 0x17))
        }
    }
}

func memoryBIOCapacity(_ bio: OpaquePointer) throws -> Int {
    var memory: UnsafeMutablePointer<BUF_MEM>?
    _ = klipso_BIO_get_mem_ptr(bio, &memory)
    return try #require(memory).pointee.max
}
