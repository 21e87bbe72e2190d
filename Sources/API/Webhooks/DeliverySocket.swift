@preconcurrency import Glibc

/// Why a delivery attempt failed before an HTTP status came back.
public struct DeliveryError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// A connected TCP socket to one vetted address, with bounded connect, send and receive.
///
/// Why it exists: a webhook receiver is untrusted and may be slow or silent; every blocking
/// call here is bounded (`connect` through `poll`, then `SO_RCVTIMEO`/`SO_SNDTIMEO`), so a
/// delivery thread can never hang. Sends use `MSG_NOSIGNAL`.
final class DeliverySocket {
    let fd: Int32

    /// Resolves `host` and connects to the first address `allowed` accepts, within `timeout` seconds each.
    init(host: String, port: Int, timeout: Double, allowed: (NetworkAddressClass) -> Bool) throws(DeliveryError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw DeliveryError("cannot resolve \(host): \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        var refused = false
        var lastError = "no address"
        var node: UnsafeMutablePointer<addrinfo>? = first
        while let entry = node {
            node = entry.pointee.ai_next
            guard let address = entry.pointee.ai_addr else { continue }
            guard allowed(Self.addressClass(address)) else {
                refused = true
                continue
            }
            let fd = socket(entry.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            if let problem = Self.connect(fd, address, entry.pointee.ai_addrlen, timeout: timeout) {
                lastError = problem
                Glibc.close(fd)
                continue
            }
            self.fd = fd
            setTimeout(timeout)
            return
        }
        throw DeliveryError(refused && lastError == "no address"
            ? "\(host) resolves to an address webhooks may not use" : "cannot connect to \(host): \(lastError)")
    }

    deinit { Glibc.close(fd) }

    func setTimeout(_ seconds: Double) {
        let whole = max(0, seconds)
        var time = timeval(tv_sec: Int(whole), tv_usec: Int((whole - Double(Int(whole))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    func sendAll(_ bytes: [UInt8]) throws(DeliveryError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if sent < 0 {
                if errno == EINTR { continue }
                throw DeliveryError(errno == EAGAIN ? "timed out sending" : "send failed (errno \(errno))")
            }
            offset += sent
        }
    }

    /// Up to `capacity` bytes; empty at end of stream.
    func receive(capacity: Int = 4096) throws(DeliveryError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, capacity, 0) }
            if count >= 0 { return Array(buffer.prefix(count)) }
            if errno == EINTR { continue }
            throw DeliveryError(errno == EAGAIN ? "timed out waiting for the answer" : "receive failed (errno \(errno))")
        }
    }

    private static func connect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t,
                                timeout: Double) -> String? {
        let flags = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, flags | O_NONBLOCK)
        defer { _ = fcntl(fd, F_SETFL, flags) }
        if Glibc.connect(fd, address, length) == 0 { return nil }
        guard errno == EINPROGRESS else { return "errno \(errno)" }
        var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
        let ready = poll(&poller, 1, Int32(timeout * 1000))
        guard ready > 0 else { return "connect timed out" }
        var code: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &size)
        return code == 0 ? nil : "errno \(code)"
    }

    static func addressClass(_ address: UnsafePointer<sockaddr>) -> NetworkAddressClass {
        switch Int32(address.pointee.sa_family) {
        case AF_INET:
            let v4 = UnsafeRawPointer(address).load(as: sockaddr_in.self)
            return NetworkAddressClass.of(ipv4: withUnsafeBytes(of: v4.sin_addr.s_addr) { Array($0) })
        case AF_INET6:
            let v6 = UnsafeRawPointer(address).load(as: sockaddr_in6.self)
            return NetworkAddressClass.of(ipv6: withUnsafeBytes(of: v6.sin6_addr) { Array($0) })
        default:
            return .nonPublic
        }
    }
}
