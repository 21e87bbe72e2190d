@preconcurrency import Glibc
import CSystemShim

/// Opens the listening sockets, one per event loop.
///
/// Why SO_REUSEPORT with one socket per loop rather than one shared socket with
/// EPOLLEXCLUSIVE: the kernel then spreads new connections across loops by
/// hashing the 4-tuple, each loop accepts only from its own queue (no
/// thundering herd, no cross-thread hand-off, no lock), and a loop busy with a
/// slow burst does not steal connections it cannot serve promptly from the
/// others' queues. The first socket binds (port 0 picks a free port); the
/// others bind to the port it got.
enum Listener {
    static let backlog: Int32 = 1024

    static func openSockets(host: String, port: Int, count: Int) throws(ServerStartError) -> (fds: [Int32], port: Int) {
        guard let requested = SocketAddress(host: host, port: port) else {
            throw ServerStartError("cannot parse host '\(host)' (use a numeric IPv4/IPv6 address or localhost) or port \(port)")
        }
        var fds: [Int32] = []
        do throws(SystemError) {
            let first = try open(requested)
            fds.append(first)
            let bound = try Syscall.localAddress(first).port
            guard let sibling = SocketAddress(host: host, port: bound) else { throw SystemError(call: "getsockname", errno: EINVAL) }
            for _ in 1..<max(count, 1) { fds.append(try open(sibling)) }
            return (fds, bound)
        } catch {
            for fd in fds { Syscall.close(fd) }
            throw ServerStartError("cannot listen on \(host):\(port): \(error)")
        }
    }

    private static func open(_ address: SocketAddress) throws(SystemError) -> Int32 {
        let fd = try Syscall.socket(domain: address.family, type: Int32(SOCK_STREAM.rawValue))
        do throws(SystemError) {
            try Syscall.setOption(fd, level: SOL_SOCKET, name: SO_REUSEADDR, value: 1)
            try Syscall.setOption(fd, level: SOL_SOCKET, name: SO_REUSEPORT, value: 1)
            if address.isIPv6 {
                // `::` serves IPv4 too (mapped addresses); `::1` is IPv6 only either way.
                try Syscall.setOption(fd, level: Int32(IPPROTO_IPV6), name: IPV6_V6ONLY, value: 0)
            }
            try address.withSockAddr { pointer, length throws(SystemError) in try Syscall.bind(fd, address: pointer, length: length) }
            try Syscall.listen(fd, backlog: backlog)
            return fd
        } catch {
            Syscall.close(fd)
            throw error
        }
    }

    /// Options for every accepted socket: no Nagle delay on small responses.
    static func configureAccepted(_ fd: Int32) {
        try? Syscall.setOption(fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1)
    }
}

/// Why the server could not start (bad host, port in use, no epoll), in words for the operator.
public struct ServerStartError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
