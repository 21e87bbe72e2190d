import Foundation
import HTTPCore
import Synchronization
import TLSTransport

/// The HTTP/1.1 server: event loops on epoll, one per core, answering every
/// request through an `HTTPResponder`.
///
/// It exists so the rest of KLIPSO never sees a socket: the server owns
/// accepting, TLS byte pumping, parsing, framing, timeouts, connection limits
/// and graceful shutdown; responders only turn requests into responses.
public final class HTTPServer: Sendable {
    private let context: ServerContext
    private let lifecycle = Mutex(Lifecycle())
    private let stopped = NSCondition()
    private let runningLoops = Atomic<Int>(0)

    private struct Lifecycle {
        var loops: [EventLoop] = []
        var port = 0
        var started = false
        var shuttingDown = false
    }

    public init(configuration: ServerConfiguration, responder: any HTTPResponder, logger: ServerLogger = .standardError) {
        context = ServerContext(configuration: configuration, responder: responder, logger: logger)
    }

    /// Binds, starts the loops and returns; requests are served from then on.
    public func start() throws(ServerStartError) {
        let configuration = context.configuration
        try lifecycle.withLock { lifecycle throws(ServerStartError) in
            guard !lifecycle.started else { throw ServerStartError("server already started") }
            Syscall.ignoreSIGPIPE()
            let fileLimit = Syscall.raiseOpenFileLimit()
            let count = max(1, configuration.eventLoopCount)
            let (fds, port) = try Listener.openSockets(host: configuration.host, port: configuration.port, count: count)
            var loops: [EventLoop] = []
            do throws(SystemError) {
                for (index, fd) in fds.enumerated() {
                    loops.append(try EventLoop(index: index, context: context, listenerFD: fd))
                }
            } catch {
                for fd in fds.dropFirst(loops.count) { Syscall.close(fd) }
                for loop in loops { loop.discardUnstarted() }
                throw ServerStartError("cannot create event loops: \(error)")
            }
            lifecycle.loops = loops
            lifecycle.port = port
            lifecycle.started = true
            runningLoops.store(loops.count, ordering: .sequentiallyConsistent)
            for loop in loops {
                let thread = Thread { [self] in
                    loop.run()
                    loopExited()
                }
                thread.name = "klipso-loop-\(loop.index)"
                thread.start()
            }
            let scheme = configuration.tls == nil ? "http" : "https"
            context.logger.log(.info, "listening on \(scheme)://\(Self.display(configuration.host)):\(port) with \(count) event loops (open-file limit \(fileLimit))")
        }
    }

    /// The bound port (the real one when configured with port 0); 0 before `start`.
    public var port: Int { lifecycle.withLock { $0.port } }

    public var statistics: ServerStatistics { context.counters.snapshot }

    /// Stops accepting, closes idle connections at once, lets requests in
    /// flight finish (answered with `Connection: close`) for up to
    /// `gracePeriod`, then closes the rest. Thread-safe; later calls do nothing.
    public func shutdown(gracePeriod: Duration = .seconds(10)) {
        let loops = lifecycle.withLock { lifecycle -> [EventLoop] in
            guard lifecycle.started, !lifecycle.shuttingDown else { return [] }
            lifecycle.shuttingDown = true
            return lifecycle.loops
        }
        guard !loops.isEmpty else { return }
        context.logger.log(.info, "shutting down (grace period \(gracePeriod))")
        let deadline = MonotonicClock.now() + gracePeriod.nanoseconds
        for loop in loops { loop.post(.shutdown(deadline: deadline)) }
    }

    /// Blocks until every event loop has exited (returns at once if never started).
    public func waitUntilStopped() {
        stopped.lock()
        while runningLoops.load(ordering: .sequentiallyConsistent) > 0 { stopped.wait() }
        stopped.unlock()
    }

    /// Re-reads the TLS certificate and key; new connections use them, open ones
    /// keep theirs. Throws (keeping the old ones) if the files are bad.
    public func reloadTLS() throws(TLSError) {
        guard let tls = context.configuration.tls else { return }
        try tls.reload()
        context.logger.log(.info, "TLS certificate reloaded")
    }

    private func loopExited() {
        stopped.lock()
        if runningLoops.wrappingSubtract(1, ordering: .sequentiallyConsistent).newValue == 0 {
            context.logger.log(.info, "server stopped")
        }
        stopped.broadcast()
        stopped.unlock()
    }

    private static func display(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
