@preconcurrency import Glibc
import CSystemShim
import HTTPCore
import Synchronization

/// One thread, one epoll instance, one listening socket, and the connections
/// it accepted.
///
/// Everything but the inbox is confined to the loop's thread (hence
/// `@unchecked Sendable`): other threads talk to a loop only through `post`,
/// which appends to a mutex-guarded inbox and wakes the loop via its eventfd.
final class EventLoop: @unchecked Sendable {
    let context: ServerContext
    let index: Int
    let epoll: Int32
    private let wakeFD: Int32
    var listenerFD: Int32
    var listenerPausedUntil: UInt64 = 0

    private let inbox = Locked(Inbox())
    private var drainedJobs: [InboxJob] = []

    // Connection table: a slot index plus generation forms the epoll token.
    var slots: [Connection?] = []
    var generations: [UInt32] = []
    var freeSlots: [UInt32] = []
    var connectionCount = 0

    var timers = TimerHeap()
    /// Connections that used up their read budget and still have input: driven
    /// again next iteration (edge-triggered epoll will not report them again).
    var deferred: [ConnectionToken] = []
    var deferredRunning: [ConnectionToken] = []
    var now: UInt64 = MonotonicClock.now()
    var date = DateHeaderCache()
    var shutdownDeadline: UInt64?
    var running = true

    /// Shared by all connections of this loop: bytes are read here, handed to
    /// TLS / the parser, and never kept per connection at rest.
    let readBuffer: UnsafeMutableRawBufferPointer
    var scratch: [UInt8] = []
    /// An empty output buffer lent to whichever connection answers next, and
    /// handed back once its bytes are sent (see `Connection.flush`).
    var spareOutput: [UInt8] = []
    static let spareOutputLimit = 64 * 1024

    static let readBufferSize = 64 * 1024
    private static let maxEventsPerWait = 256

    private struct Inbox {
        var jobs: [InboxJob] = []
        var open = true
    }

    init(index: Int, context: ServerContext, listenerFD: Int32) throws(SystemError) {
        self.index = index
        self.context = context
        self.listenerFD = listenerFD
        epoll = try Syscall.epollCreate()
        do {
            wakeFD = try Syscall.eventFD()
        } catch {
            Syscall.close(epoll)
            throw error
        }
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        try Syscall.epollControl(epoll, EPOLL_CTL_ADD, fd: wakeFD, events: EPOLLIN.rawValue, token: ConnectionToken.wakeUp.rawValue)
        // Level-triggered listener: a bounded accept batch per wake-up, the rest next iteration.
        try Syscall.epollControl(epoll, EPOLL_CTL_ADD, fd: listenerFD, events: EPOLLIN.rawValue, token: ConnectionToken.listener.rawValue)
    }

    deinit {
        readBuffer.deallocate()
    }

    private var threadTag: UInt { UInt(bitPattern: ObjectIdentifier(self)) }

    var isOnLoopThread: Bool { klipso_thread_tag() == threadTag }

    // MARK: the loop

    func run() {
        klipso_set_thread_tag(threadTag)
        let events = UnsafeMutableBufferPointer<epoll_event>.allocate(capacity: Self.maxEventsPerWait)
        defer { events.deallocate() }
        date.refresh()
        while running {
            let count: Int
            do {
                count = try Syscall.epollWait(epoll, into: events, timeoutMilliseconds: nextTimeout())
            } catch {
                context.logger.log(.error, "event loop \(index): \(error)")
                count = 0
            }
            now = MonotonicClock.now()
            date.refresh()
            for i in 0..<count {
                let event = events[i]
                let token = ConnectionToken(rawValue: event.data.u64)
                if token == .wakeUp {
                    Syscall.drainEventFD(wakeFD)
                } else if token == .listener {
                    acceptConnections()
                } else if let connection = connection(for: token) {
                    connection.handle(events: event.events)
                }
            }
            drainInbox()
            runDeferred()
            fireTimers()
            resumeListenerIfDue()
            checkShutdownProgress()
        }
        finish()
    }

    private func nextTimeout() -> Int32 {
        if !deferred.isEmpty { return 0 }
        var earliest = timers.earliest ?? .max
        if listenerPausedUntil != 0 { earliest = min(earliest, listenerPausedUntil) }
        if let shutdownDeadline { earliest = min(earliest, shutdownDeadline) }
        guard earliest != .max else { return -1 }
        let current = MonotonicClock.now()
        guard earliest > current else { return 0 }
        // Round up so a deadline is never checked a hair early and re-waited.
        return Int32(clamping: (earliest - current + 999_999) / 1_000_000)
    }

    /// Frees a scratch buffer grown by one large response or read.
    func releaseScratchIfLarge() {
        if scratch.capacity > Self.readBufferSize { scratch = [] }
    }

    // MARK: connection table

    func connection(for token: ConnectionToken) -> Connection? {
        let slot = Int(token.slot)
        guard slot < slots.count, let connection = slots[slot], connection.token == token else { return nil }
        return connection
    }

    func allocateToken() -> ConnectionToken {
        let slot: UInt32
        if let free = freeSlots.popLast() {
            slot = free
        } else {
            slot = UInt32(slots.count)
            slots.append(nil)
            generations.append(0)
        }
        var generation = generations[Int(slot)] &+ 1
        if generation == 0 { generation = 1 }
        generations[Int(slot)] = generation
        return ConnectionToken(slot: slot, generation: generation)
    }

    func insert(_ connection: Connection) {
        slots[Int(connection.token.slot)] = connection
        connectionCount += 1
    }

    /// Called by a connection once its descriptor is closed.
    func release(_ connection: Connection) {
        let slot = Int(connection.token.slot)
        guard slots[slot] === connection else { return }
        slots[slot] = nil
        freeSlots.append(connection.token.slot)
        connectionCount -= 1
        context.counters.openConnections.wrappingSubtract(1, ordering: .relaxed)
    }

    // MARK: inbox

    /// Queues work for this loop from any thread; wakes the loop only when the
    /// inbox was empty (one eventfd write per batch). Dropped once the loop has exited.
    func post(_ job: InboxJob) {
        // The eventfd write happens under the lock so it cannot race with the
        // loop closing the descriptor on exit.
        inbox.withLock { inbox in
            guard inbox.open else { return }
            inbox.jobs.append(job)
            if inbox.jobs.count == 1 { Syscall.signalEventFD(wakeFD) }
        }
    }

    private func drainInbox() {
        inbox.withLock { inbox in swap(&inbox.jobs, &drainedJobs) }
        guard !drainedJobs.isEmpty else { return }
        for job in drainedJobs {
            switch job {
            case .response(let token, let response):
                connection(for: token)?.responseArrived(response)
            case .streamActivity(let token):
                connection(for: token)?.streamActivity()
            case .shutdown(let deadline):
                beginShutdown(deadline: deadline)
            }
        }
        drainedJobs.removeAll(keepingCapacity: true)
    }

    /// Delivers a responder's completion: inline when already on this loop's
    /// thread (no inbox, no eventfd), otherwise through the inbox.
    func deliver(_ response: HTTPResponse, to token: ConnectionToken) {
        if isOnLoopThread {
            connection(for: token)?.responseArrived(response)
        } else {
            post(.response(token, response))
        }
    }

    private func finish() {
        for connection in slots.compactMap({ $0 }) { connection.abort() }
        discardUnstarted()
    }

    /// Releases the loop's descriptors (also for a loop that never ran).
    func discardUnstarted() {
        closeListener()
        inbox.withLock { inbox in
            inbox.open = false
            inbox.jobs.removeAll()
        }
        Syscall.close(wakeFD)
        Syscall.close(epoll)
        context.logger.log(.debug, "event loop \(index) stopped")
    }
}

/// Work handed to a loop from another thread.
enum InboxJob: Sendable {
    case response(ConnectionToken, HTTPResponse)
    case streamActivity(ConnectionToken)
    case shutdown(deadline: UInt64)
}
