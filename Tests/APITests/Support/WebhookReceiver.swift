@preconcurrency import Glibc
import Foundation
import HTTPTestClient

/// A tiny plain-HTTP server on 127.0.0.1:<ephemeral> that records webhook deliveries and
/// answers each with the next status of a script (then 200).
final class WebhookReceiver: @unchecked Sendable {
    struct Delivery {
        let headers: [String: String]
        let body: [UInt8]
    }

    // Guarded by `lock`.
    private let lock = NSCondition()
    private var received: [Delivery] = []
    private var statuses: [Int]
    private var stopped = false
    private let fd: Int32
    let port: Int

    init(statuses: [Int] = []) throws {
        self.statuses = statuses
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        self.fd = fd
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        inet_pton(AF_INET, "127.0.0.1", &address.sin_addr)
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        guard bound == 0, listen(fd, 16) == 0 else { throw TestFailure("receiver bind/listen: errno \(errno)") }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &size) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in serve() }.start()
    }

    var url: String { "http://127.0.0.1:\(port)/hooks/klipso" }

    func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    /// Waits (at most `timeout` seconds) until `count` deliveries arrived; returns them all.
    func wait(for count: Int, timeout: Double = 10) -> [Delivery] {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while received.count < count && lock.wait(until: deadline) {}
        return received
    }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 {
                lock.lock()
                defer { lock.unlock() }
                if stopped { return }
                continue
            }
            handle(client)
            close(client)
        }
    }

    private func handle(_ client: Int32) {
        var time = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        var headers: [String: String] = [:]
        var length = 0
        while headEnd == nil || data.count < headEnd! + length {
            let count = recv(client, &buffer, buffer.count, 0)
            guard count > 0 else { return }
            data += buffer[0..<count]
            if headEnd == nil, let end = TestClient.find(Array("\r\n\r\n".utf8), in: data) {
                headEnd = end + 4
                let head = String(decoding: data[0..<end], as: UTF8.self)
                for line in head.components(separatedBy: "\r\n").dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                length = Int(headers["content-length"] ?? "0") ?? 0
            }
        }
        let body = Array(data[headEnd!..<(headEnd! + length)])
        lock.lock()
        let status = statuses.isEmpty ? 200 : statuses.removeFirst()
        received.append(Delivery(headers: headers, body: body))
        lock.broadcast()
        lock.unlock()
        TestClient.sendAll(Array("HTTP/1.1 \(status) X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".utf8), on: client)
    }
}
