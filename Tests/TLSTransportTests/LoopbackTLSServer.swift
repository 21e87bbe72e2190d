import Foundation
import Glibc
import TLSTransport

/// A one-shot HTTPS server on 127.0.0.1 (port 0) running on its own thread with
/// blocking sockets and a `TLSConnection`: it reads one request, answers it with
/// a fixed response, sends close_notify and closes.
final class LoopbackTLSServer: @unchecked Sendable {
    struct Served: Sendable {
        var requestHead: String
        var negotiatedProtocol: String?
        var negotiatedVersion: String?
    }

    let port: UInt16
    private let listener: Int32
    private let finished = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var outcome: Result<Served, any Error>?

    init(context: TLSContext, response: String) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw POSIXError(.EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(listener, pointer, length) == 0 && listen(listener, 4) == 0 && getsockname(listener, pointer, &length) == 0
            }
        }
        guard bound else { close(listener); throw POSIXError(.EADDRNOTAVAIL) }
        self.listener = listener
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in
            let result = Result { try self.serveOne(context: context, response: Array(response.utf8)) }
            lock.withLock { outcome = result }
            finished.signal()
        }
        thread.start()
    }

    deinit { close(listener) }

    /// What the server saw, once it finished (or `nil` if it did not within `seconds`).
    func result(within seconds: Double) -> Result<Served, any Error>? {
        guard finished.wait(timeout: .now() + seconds) == .success else { return nil }
        return lock.withLock { outcome }
    }

    private func serveOne(context: TLSContext, response: [UInt8]) throws -> Served {
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 15_000) == 1 else { throw POSIXError(.ETIMEDOUT) }
        let client = accept(listener, nil, nil)
        guard client >= 0 else { throw POSIXError(.ECONNABORTED) }
        defer { close(client) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        let connection = try context.makeConnection()
        var received = [UInt8](repeating: 0, count: 16 * 1024)
        var plaintext: [UInt8] = []
        var outgoing: [UInt8] = []
        let endOfHead = Array("\r\n\r\n".utf8)
        for _ in 0..<1000 where !plaintext.ends(with: endOfHead) {
            let count = recv(client, &received, received.count, 0)
            guard count > 0 else { throw POSIXError(.ECONNRESET) }
            received[0..<count].withUnsafeBytes { connection.receiveCiphertext($0) }
            let status = try connection.readPlaintext(into: &plaintext)
            connection.takeCiphertext(into: &outgoing)
            try sendAll(outgoing, to: client)
            outgoing.removeAll(keepingCapacity: true)
            guard status == .needMoreData else { throw POSIXError(.ECONNRESET) }
        }
        try response.withUnsafeBytes { try connection.writePlaintext($0) }
        connection.shutdown()
        connection.takeCiphertext(into: &outgoing)
        try sendAll(outgoing, to: client)
        return Served(requestHead: String(decoding: plaintext, as: UTF8.self),
                      negotiatedProtocol: connection.negotiatedProtocol,
                      negotiatedVersion: connection.negotiatedVersion)
    }

    private func sendAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXError(.EPIPE) }
            offset += sent
        }
    }
}

private extension Array where Element == UInt8 {
    func ends(with suffix: [UInt8]) -> Bool { count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix) }
}
