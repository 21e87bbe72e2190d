@preconcurrency import Glibc
import CSystemShim
import HTTPCore
import TLSTransport

/// One accepted socket and where it is in the HTTP exchange.
///
/// Confined to its event loop's thread. The state machine is explicit so that
/// every event (readable, writable, response ready, timer) has exactly one
/// meaning in each state; see `drive()`.
final class Connection {
    enum State: Equatable {
        /// TLS only: waiting for the handshake to finish.
        case tlsHandshaking
        /// Waiting for (or in the middle of) a request head.
        case readingHead
        /// The head is complete; reading its body.
        case readingBody
        /// A complete request is with the responder; nothing else is read meanwhile
        /// (one request in flight, so pipelined responses stay in order).
        case awaitingResponse
        /// Responses are queued and the peer is slow to take them: wait before
        /// parsing further (then resume `resumeAfterWriting`).
        case writing
        /// A `.stream` body is being produced from another thread.
        case streaming
        /// Final bytes going out, then a lingering close (shutdown(SHUT_WR), drain, close).
        case closing
        case closed
    }

    /// The loop owns its connections (its slot table holds the only strong
    /// reference) and outlives them, so the reference needs no checking: a
    /// checked `unowned` cost an atomic retain and release on every access.
    unowned(unsafe) let loop: EventLoop
    let token: ConnectionToken
    let fd: Int32
    let info: ConnectionInfo
    var tls: TLSConnection?

    var state: State
    var parser: HTTPRequestParser

    // Readiness as last reported by the edge-triggered epoll registration.
    var mayRead = false
    var mayWrite = true
    var peerClosed = false
    /// EPOLLRDHUP was reported: the peer's FIN is queued behind any data, so
    /// reads must go on until they return 0 (a short read proves nothing then).
    var finPending = false
    var sentFirstByteCheck = false
    var writeSideShut = false

    // Unsent bytes (ciphertext under TLS); `outputSent` of them already went out.
    var output: [UInt8] = []
    var outputSent = 0

    // The request being read or answered.
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var keepAlive = true
    var continuePending = false
    var dispatching = false
    /// Reads done in the current `drive()`; past the budget the connection
    /// yields so one fast pipelining client cannot starve its loop's others.
    var readsThisDrive = 0
    var resumeAfterWriting: State = .readingHead
    var isDeferred = false
    static let readsPerDrive = 16
    var pendingResponse: HTTPResponse?
    var stream: StreamBodyWriter?

    // Deadlines (monotonic ns). `deadline` is the one in force; `scheduledDeadline`
    // the earliest entry queued for us in the loop's timer heap (0: none).
    var phaseStart: UInt64
    var headStartedAt: UInt64 = 0
    var lastWriteProgress: UInt64 = 0
    var deadline: UInt64 = 0
    var deadlineKind: TimeoutKind = .idle
    var scheduledDeadline: UInt64 = 0

    /// Past this much unsent output, parsing the next pipelined request waits.
    static let pipelineOutputThreshold = 64 * 1024

    init(loop: EventLoop, token: ConnectionToken, fd: Int32, info: ConnectionInfo, tls: TLSConnection?) {
        self.loop = loop
        self.token = token
        self.fd = fd
        self.info = info
        self.tls = tls
        self.parser = HTTPRequestParser(limits: loop.context.configuration.limits)
        self.phaseStart = loop.now
        self.state = tls == nil ? .readingHead : .tlsHandshaking
        // The first request's header timer runs from the connect (or the end of
        // the handshake): a client that connects and sends nothing is a slow client.
        headStartedAt = loop.now
    }

    /// `parser.isBetweenRequests`, read in place: a plain read of the property
    /// copied the whole parser (its buffers retained and released) each time.
    var parserIsBetweenRequests: Bool { Self.isBetweenRequests(&parser) }

    private static func isBetweenRequests(_ parser: inout HTTPRequestParser) -> Bool { parser.isBetweenRequests }

    var context: ServerContext { loop.context }
    var outputPending: Int { output.count - outputSent }

    func start() {
        rearmTimer()
    }

    /// An epoll event for this connection.
    func handle(events: UInt32) {
        if events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0 {
            // Reset or fully closed: nothing we write can arrive.
            abort()
            return
        }
        if events & EPOLLOUT.rawValue != 0 { mayWrite = true }
        if events & EPOLLIN.rawValue != 0 { mayRead = true }
        if events & EPOLLRDHUP.rawValue != 0 {
            finPending = true
            if state == .streaming {
                // A streaming client (server-sent events) that hangs up is gone.
                abort()
                return
            }
        }
        drive()
    }

    /// Advances the state machine as far as the available input, output room
    /// and responder allow, then flushes and re-arms the deadline.
    func drive() {
        readsThisDrive = 0
        advance: while true {
            switch state {
            case .tlsHandshaking:
                if !readInput() { break advance }
            case .readingHead, .readingBody:
                if outputPending > Self.pipelineOutputThreshold {
                    flush()
                    if outputPending > Self.pipelineOutputThreshold {
                        resumeAfterWriting = state
                        state = .writing
                        break advance
                    }
                }
                if !parseNext() { break advance }
            case .writing:
                flush()
                if outputPending > Self.pipelineOutputThreshold { break advance }
                state = resumeAfterWriting
            case .awaitingResponse, .streaming:
                break advance
            case .closing:
                continueClosing()
                break advance
            case .closed:
                return
            }
        }
        guard state != .closed else { return }
        flush()
        guard state != .closed else { return }
        if let tls, state == .readingHead, outputPending == 0, !mayRead, parserIsBetweenRequests {
            // Going idle: hand back the TLS buffers grown by the last exchange.
            tls.releaseIdleBuffers()
        }
        rearmTimer()
    }

    // MARK: deadlines

    /// Picks the deadline that applies to the current state; queues a heap
    /// entry only when it is earlier than the one already queued.
    func rearmTimer() {
        let kind: TimeoutKind?
        let since: UInt64
        if outputPending > 0 && !mayWrite {
            (kind, since) = (.write, lastWriteProgress)
        } else {
            switch state {
            case .tlsHandshaking: (kind, since) = (.tlsHandshake, phaseStart)
            case .readingHead: (kind, since) = headStartedAt != 0 ? (.headerRead, headStartedAt) : (.idle, phaseStart)
            case .readingBody: (kind, since) = (.bodyRead, phaseStart)
            case .closing: (kind, since) = (.lingeringClose, phaseStart)
            case .writing: (kind, since) = (.write, lastWriteProgress)
            case .awaitingResponse, .streaming, .closed: (kind, since) = (nil, 0)
            }
        }
        guard let kind else {
            deadline = 0
            return
        }
        deadlineKind = kind
        deadline = since + context.timeout(kind)
        if scheduledDeadline == 0 || deadline < scheduledDeadline {
            scheduledDeadline = deadline
            loop.schedule(token, at: deadline)
        }
    }

    func timedOut() {
        if deadlineKind != .lingeringClose { context.counters.countTimeout(deadlineKind) }
        if deadlineKind == .tlsHandshake { context.counters.bump(context.counters.tlsHandshakesFailed) }
        abort()
    }

    // MARK: closing

    /// Starts a graceful close: pending output goes out, then the write side is
    /// shut and the peer's remaining bytes drained (bounded by the lingering
    /// timeout), so the kernel does not answer unread input with a RST that
    /// would destroy the response we just sent.
    func beginClosing() {
        guard state != .closing && state != .closed else { return }
        stream?.markClosed()
        stream = nil
        state = .closing
        phaseStart = loop.now
        if let tls {
            tls.shutdown()
            tls.takeCiphertext(into: &output)
        }
    }

    func continueClosing() {
        flush()
        guard state == .closing, outputPending == 0 else { return }
        if peerClosed {
            abort()
            return
        }
        if !writeSideShut {
            // The lingering period starts once everything is handed to the kernel.
            writeSideShut = true
            phaseStart = loop.now
            Syscall.shutdownWrite(fd)
        }
        while mayRead {
            switch readRaw() {
            case .data: continue
            case .wouldBlock: return
            case .endOfStream, .failed:
                abort()
                return
            }
        }
    }

    /// Closes the socket now and frees the slot. Idempotent.
    func abort() {
        guard state != .closed else { return }
        state = .closed
        stream?.markClosed()
        stream = nil
        tls = nil
        output = []
        outputSent = 0
        Syscall.close(fd)
        loop.release(self)
    }

    /// The server is stopping: idle connections close now; one with a request
    /// under way finishes it (answered with `Connection: close`).
    func serverIsShuttingDown() {
        keepAlive = false
        switch state {
        case .tlsHandshaking:
            abort()
        case .readingHead where parserIsBetweenRequests && outputPending == 0:
            abort()
        default:
            break
        }
    }
}
