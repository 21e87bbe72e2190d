import COpenSSL
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    /// Decrypting into caller-owned memory, as the event loop does with its read buffer.
    @Suite struct BufferReadTests {
        /// Sends `messages` from the client as separate records in one delivery, then
        /// reads them on the server through a buffer of `bufferSize` bytes.
        private func readThroughBuffer(_ messages: [[UInt8]], bufferSize: Int) throws -> (bytes: [UInt8], reads: Int) {
            let fixture = try TLSFixture()
            let (client, server) = try fixture.connectedPair()
            for message in messages { try client.write(message) }
            var outgoing = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(client.writeBIO)))
            _ = BIO_read(client.writeBIO, &outgoing, Int32(outgoing.count))
            outgoing.withUnsafeBytes { server.receiveCiphertext($0) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: bufferSize, alignment: 1)
            defer { buffer.deallocate() }
            var received: [UInt8] = []
            var reads = 0
            for _ in 0..<10_000 {
                let read = try server.readPlaintext(into: buffer)
                reads += 1
                received += buffer[0..<read.count]
                #expect(read.status == .needMoreData)
                if !read.bufferFull { break }
                #expect(read.count == bufferSize)
            }
            return (received, reads)
        }

        @Test func severalRecordsComeOutInOneCallWhenTheBufferIsLargeEnough() throws {
            let messages = [Array("GET /a HTTP/1.1\r\n\r\n".utf8), Array("GET /b HTTP/1.1\r\n\r\n".utf8)]
            let result = try readThroughBuffer(messages, bufferSize: 64 * 1024)
            #expect(result.bytes == messages[0] + messages[1])
            #expect(result.reads == 1)
        }

        @Test func aSmallBufferIsFilledAgainUntilEverythingIsRead() throws {
            let large = (0..<40_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            let result = try readThroughBuffer([large, [1, 2, 3]], bufferSize: 1000)
            #expect(result.bytes == large + [1, 2, 3])
            #expect(result.reads >= 41)
        }

        @Test func closeNotifyIsReportedAndNothingIsReadAfterIt() throws {
            let fixture = try TLSFixture()
            let (client, server) = try fixture.connectedPair()
            try client.write(Array("bye".utf8))
            _ = SSL_shutdown(client.ssl)
            var outgoing = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(client.writeBIO)))
            _ = BIO_read(client.writeBIO, &outgoing, Int32(outgoing.count))
            outgoing.withUnsafeBytes { server.receiveCiphertext($0) }
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4096, alignment: 1)
            defer { buffer.deallocate() }
            var read = try server.readPlaintext(into: buffer)
            var received = Array(buffer[0..<read.count])
            if read.status != .closed {
                // The data and the alert may come out in two calls.
                read = try server.readPlaintext(into: buffer)
                received += buffer[0..<read.count]
            }
            #expect(received == Array("bye".utf8))
            #expect(read.status == .closed)
            #expect(try server.readPlaintext(into: buffer) == TLSPlaintextRead(count: 0, status: .closed, bufferFull: false))
        }
    }
}
