@preconcurrency import Glibc
import CSystemShim

/// A failed system call with its errno, so every I/O failure says which call
/// failed and why instead of a bare number.
public struct SystemError: Error, Sendable, CustomStringConvertible {
    public let call: String
    public let errno: Int32

    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    public var description: String { "\(call): \(String(cString: strerror(errno))) (errno \(errno))" }
}

/// The outcome of a non-blocking call: done, or the kernel said "try later" (EAGAIN).
enum IOResult<Value> {
    case done(Value)
    case wouldBlock
}

/// The one place where the server touches the kernel.
///
/// Every call retries on `EINTR`, maps `EAGAIN`/`EWOULDBLOCK` to `.wouldBlock`,
/// throws `SystemError` for conditions a peer or the environment can cause, and
/// traps on errno values that can only mean a bug in this process (a bad fd, a
/// bad pointer, an invalid epoll operation): continuing after those would act
/// on somebody else's file descriptor.
enum Syscall {
    private static func run(_ name: StaticString, _ body: () -> Int) throws(SystemError) -> IOResult<Int> {
        while true {
            let result = body()
            if result >= 0 { return .done(result) }
            let code = Glibc.errno
            switch code {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .wouldBlock
            case EBADF, EFAULT, ENOTSOCK:
                preconditionFailure("\(name) failed with errno \(code): a bug in the server")
            default:
                throw SystemError(call: "\(name)", errno: code)
            }
        }
    }

    private static func runBlocking(_ name: StaticString, _ body: () -> Int) throws(SystemError) -> Int {
        switch try run(name, body) {
        case .done(let value): return value
        case .wouldBlock: throw SystemError(call: "\(name)", errno: EAGAIN)
        }
    }

    // MARK: sockets

    static func socket(domain: Int32, type: Int32) throws(SystemError) -> Int32 {
        Int32(try runBlocking("socket") { Int(Glibc.socket(domain, type | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)) })
    }

    static func setOption(_ fd: Int32, level: Int32, name: Int32, value: Int32) throws(SystemError) {
        var value = value
        _ = try runBlocking("setsockopt") {
            Int(Glibc.setsockopt(fd, level, name, &value, socklen_t(MemoryLayout<Int32>.size)))
        }
    }

    static func bind(_ fd: Int32, address: UnsafePointer<sockaddr>, length: socklen_t) throws(SystemError) {
        _ = try runBlocking("bind") { Int(Glibc.bind(fd, address, length)) }
    }

    static func listen(_ fd: Int32, backlog: Int32) throws(SystemError) {
        _ = try runBlocking("listen") { Int(Glibc.listen(fd, backlog)) }
    }

    static func localAddress(_ fd: Int32) throws(SystemError) -> SocketAddress {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                try runBlocking("getsockname") { Int(Glibc.getsockname(fd, address, &length)) }
            }
        }
        return SocketAddress(storage: storage)
    }

    /// Accepts one connection, non-blocking and close-on-exec. Throws for
    /// ECONNABORTED, EMFILE, ENFILE and friends: the caller decides what each means.
    static func accept(_ fd: Int32) throws(SystemError) -> IOResult<(fd: Int32, peer: SocketAddress)> {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let flags = Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        let result = try withUnsafeMutablePointer(to: &storage) { pointer throws(SystemError) in
            try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { address throws(SystemError) in
                try run("accept4") { Int(klipso_accept4(fd, address, &length, flags)) }
            }
        }
        switch result {
        case .done(let accepted): return .done((Int32(accepted), SocketAddress(storage: storage)))
        case .wouldBlock: return .wouldBlock
        }
    }

    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try run("read") { Glibc.read(fd, buffer.baseAddress, buffer.count) }
    }

    /// Sends with `MSG_NOSIGNAL`: a peer that went away is an EPIPE error, never a SIGPIPE.
    static func send(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws(SystemError) -> IOResult<Int> {
        try run("send") { Glibc.send(fd, bytes.baseAddress, bytes.count, Int32(MSG_NOSIGNAL)) }
    }

    static func shutdownWrite(_ fd: Int32) {
        // ENOTCONN (peer already gone) is expected here and harmless.
        _ = try? run("shutdown") { Int(Glibc.shutdown(fd, Int32(SHUT_WR))) }
    }

    /// Closes a descriptor. EINTR is not retried: on Linux the descriptor is
    /// released even then, and a retry could close a number another thread reused.
    static func close(_ fd: Int32) {
        if Glibc.close(fd) != 0 {
            let code = Glibc.errno
            precondition(code != EBADF, "close(\(fd)) failed with EBADF: a double close")
        }
    }

    static func setNonBlocking(_ fd: Int32) throws(SystemError) {
        let flags = try runBlocking("fcntl") { Int(fcntl(fd, F_GETFL)) }
        _ = try runBlocking("fcntl") { Int(fcntl(fd, F_SETFL, Int32(flags) | O_NONBLOCK)) }
    }

    // MARK: epoll and eventfd

    static func epollCreate() throws(SystemError) -> Int32 {
        Int32(try runBlocking("epoll_create1") { Int(epoll_create1(Int32(EPOLL_CLOEXEC))) })
    }

    static func epollControl(_ epoll: Int32, _ operation: Int32, fd: Int32, events: UInt32, token: UInt64) throws(SystemError) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = token
        let result = epoll_ctl(epoll, operation, fd, &event)
        guard result != 0 else { return }
        let code = Glibc.errno
        switch code {
        case ENOMEM, ENOSPC: throw SystemError(call: "epoll_ctl", errno: code)
        default: preconditionFailure("epoll_ctl(op \(operation), fd \(fd)) failed with errno \(code): a bug in the server")
        }
    }

    /// Waits for events; an interrupted wait returns zero events so the caller
    /// recomputes its timers.
    static func epollWait(_ epoll: Int32, into events: UnsafeMutableBufferPointer<epoll_event>, timeoutMilliseconds: Int32) throws(SystemError) -> Int {
        let result = epoll_wait(epoll, events.baseAddress, Int32(events.count), timeoutMilliseconds)
        if result >= 0 { return Int(result) }
        let code = Glibc.errno
        if code == EINTR { return 0 }
        if code == EBADF || code == EFAULT || code == EINVAL { preconditionFailure("epoll_wait failed with errno \(code)") }
        throw SystemError(call: "epoll_wait", errno: code)
    }

    static func eventFD() throws(SystemError) -> Int32 {
        Int32(try runBlocking("eventfd") { Int(eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))) })
    }

    static func signalEventFD(_ fd: Int32) {
        var one: UInt64 = 1
        // EAGAIN means the counter is saturated: the loop is already due to wake.
        _ = try? run("write(eventfd)") { Glibc.write(fd, &one, 8) }
    }

    static func drainEventFD(_ fd: Int32) {
        var value: UInt64 = 0
        _ = try? run("read(eventfd)") { Glibc.read(fd, &value, 8) }
    }

    // MARK: process-wide

    /// A write to a closed socket must be an error, never a process kill.
    static func ignoreSIGPIPE() {
        _ = signal(SIGPIPE, SIG_IGN)
    }

    /// Raises the open-file soft limit to the hard limit; returns the new soft limit.
    @discardableResult
    static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(limit.rlim_cur)
    }
}
