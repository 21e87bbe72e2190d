@preconcurrency import Glibc
import CSystemShim

/// An IPv4 or IPv6 socket address, parsed from the configured host or
/// returned by the kernel, so binding and peer formatting share one type.
struct SocketAddress: Sendable {
    private var storage: sockaddr_storage

    init(storage: sockaddr_storage) { self.storage = storage }

    /// Parses a numeric host (`0.0.0.0`, `127.0.0.1`, `::`, `::1`) or `localhost`
    /// (always 127.0.0.1: no resolver, no surprises) with a port.
    init?(host: String, port: Int) {
        guard (0...65535).contains(port) else { return nil }
        let host = host == "localhost" ? "127.0.0.1" : host
        var storage = sockaddr_storage()
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, host, &v4) == 1 {
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in.self)
                address.pointee.sin_family = sa_family_t(AF_INET)
                address.pointee.sin_port = in_port_t(UInt16(port).bigEndian)
                address.pointee.sin_addr = v4
            }
        } else if inet_pton(AF_INET6, host, &v6) == 1 {
            withUnsafeMutableBytes(of: &storage) { raw in
                let address = raw.baseAddress!.assumingMemoryBound(to: sockaddr_in6.self)
                address.pointee.sin6_family = sa_family_t(AF_INET6)
                address.pointee.sin6_port = in_port_t(UInt16(port).bigEndian)
                address.pointee.sin6_addr = v6
            }
        } else {
            return nil
        }
        self.storage = storage
    }

    var family: Int32 { Int32(storage.ss_family) }
    var isIPv6: Bool { family == AF_INET6 }

    var length: socklen_t {
        socklen_t(isIPv6 ? MemoryLayout<sockaddr_in6>.size : MemoryLayout<sockaddr_in>.size)
    }

    var port: Int {
        withUnsafeBytes(of: storage) { raw in
            if isIPv6 { return Int(UInt16(bigEndian: raw.load(as: sockaddr_in6.self).sin6_port)) }
            return Int(UInt16(bigEndian: raw.load(as: sockaddr_in.self).sin_port))
        }
    }

    func withSockAddr<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) throws(SystemError) -> R) throws(SystemError) -> R {
        var copy = storage
        let length = self.length
        return try withUnsafePointer(to: &copy) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in try body(address, length) }
        }
    }

    /// The address without port; IPv4-mapped IPv6 addresses (from a dual-stack
    /// listener) are shown as plain IPv4 so logs and rate limits see one form.
    var hostText: String {
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN) + 1)
        return withUnsafeBytes(of: storage) { raw -> String in
            if isIPv6 {
                var address = raw.load(as: sockaddr_in6.self).sin6_addr
                let bytes = withUnsafeBytes(of: address) { Array($0) }
                if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
                    return "\(bytes[12]).\(bytes[13]).\(bytes[14]).\(bytes[15])"
                }
                _ = inet_ntop(AF_INET6, &address, &text, socklen_t(text.count))
            } else if family == AF_INET {
                var address = raw.load(as: sockaddr_in.self).sin_addr
                _ = inet_ntop(AF_INET, &address, &text, socklen_t(text.count))
            } else {
                return "unknown"
            }
            return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }
}
