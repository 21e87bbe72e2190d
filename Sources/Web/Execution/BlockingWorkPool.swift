import Dispatch
import Foundation
import Synchronization

/// A fixed set of dedicated threads for work that may block (database calls),
/// so blocking never reaches the event loops and never exhausts Dispatch's
/// shared pool.
///
/// The queue is bounded: when it is full `submit` refuses the work at once and
/// the caller answers 503, which is better under overload than an unbounded
/// backlog whose answers arrive after clients have given up.
public final class BlockingWorkPool: Sendable {
    public typealias Work = @Sendable () -> Void

    private struct State {
        var ring: [Work?]
        var head = 0
        var count = 0
        var isShuttingDown = false
    }

    public let threadCount: Int
    public let queueCapacity: Int
    private let state: Mutex<State>
    /// Signalled once per submitted job and once per thread at shutdown.
    private let available = DispatchSemaphore(value: 0)
    private let running = DispatchGroup()

    /// Starts `threadCount` threads at once. `queueCapacity` bounds the jobs
    /// waiting for a thread (not counting those running).
    public init(threadCount: Int = 32, queueCapacity: Int = 1024, name: String = "web-worker") {
        precondition(threadCount > 0 && queueCapacity > 0, "a work pool needs threads and room to queue")
        self.threadCount = threadCount
        self.queueCapacity = queueCapacity
        state = Mutex(State(ring: Array(repeating: nil, count: queueCapacity)))
        for index in 0..<threadCount {
            running.enter()
            let thread = Thread { [self] in
                workLoop()
                running.leave()
            }
            thread.name = "\(name)-\(index)"
            thread.start()
        }
    }

    /// Queues `work`; false when the queue is full or the pool is shutting down
    /// (the work will then never run).
    public func submit(_ work: @escaping Work) -> Bool {
        let accepted = state.withLock { state -> Bool in
            guard !state.isShuttingDown, state.count < state.ring.count else { return false }
            state.ring[(state.head + state.count) % state.ring.count] = work
            state.count += 1
            return true
        }
        if accepted { available.signal() }
        return accepted
    }

    /// Jobs waiting for a thread.
    public var queuedCount: Int { state.withLock { $0.count } }

    /// Refuses new work; queued work still runs, then the threads exit.
    public func shutdown() {
        let first = state.withLock { state -> Bool in
            defer { state.isShuttingDown = true }
            return !state.isShuttingDown
        }
        guard first else { return }
        for _ in 0..<threadCount { available.signal() }
    }

    /// Waits until every thread has exited after `shutdown()`; false on timeout.
    public func waitUntilStopped(timeout: Duration) -> Bool {
        let nanos = timeout.components.seconds * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return running.wait(timeout: .now() + .nanoseconds(Int(nanos))) == .success
    }

    private func workLoop() {
        while true {
            available.wait()
            let work = state.withLock { state -> Work? in
                guard state.count > 0 else { return nil }
                let work = state.ring[state.head]
                state.ring[state.head] = nil
                state.head = (state.head + 1) % state.ring.count
                state.count -= 1
                return work
            }
            // A wake-up with nothing queued is one of shutdown's signals.
            guard let work else { return }
            work()
        }
    }
}
