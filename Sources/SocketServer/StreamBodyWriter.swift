import HTTPCore
import Synchronization

/// The `HTTPBodyWriter` handed to `.stream` producers.
///
/// Producers write from any thread; bytes collect here under a lock and the
/// owning loop is told once per batch (through its inbox) to pull them. A
/// producer that outruns a slow peer past the buffer limit gets `isClosed`
/// and the connection is dropped, so memory stays bounded.
final class StreamBodyWriter: HTTPBodyWriter, Sendable {
    private struct State {
        var pending: [UInt8] = []
        var finished = false
        var closed = false
        var overflowed = false
        var notified = false
    }

    private let state = Locked(State())
    private let loop: EventLoop
    private let token: ConnectionToken
    private let chunked: Bool
    private let limit: Int

    init(loop: EventLoop, token: ConnectionToken, chunked: Bool, limit: Int) {
        self.loop = loop
        self.token = token
        self.chunked = chunked
        self.limit = limit
    }

    func write(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        let chunked = self.chunked, limit = self.limit
        let notify = state.withLock { state -> Bool in
            guard !state.closed, !state.finished else { return false }
            if chunked { HTTPResponseEncoder.writeChunk(bytes, into: &state.pending) } else { state.pending += bytes }
            if state.pending.count > limit {
                state.overflowed = true
                state.closed = true
                state.pending = []
            }
            return Self.claimNotification(&state)
        }
        if notify { loop.post(.streamActivity(token)) }
    }

    func finish() {
        let chunked = self.chunked
        let notify = state.withLock { state -> Bool in
            guard !state.closed, !state.finished else { return false }
            state.finished = true
            if chunked { HTTPResponseEncoder.writeLastChunk(into: &state.pending) }
            return Self.claimNotification(&state)
        }
        if notify { loop.post(.streamActivity(token)) }
    }

    var isClosed: Bool { state.withLock { $0.closed } }

    private static func claimNotification(_ state: inout State) -> Bool {
        guard !state.notified else { return false }
        state.notified = true
        return true
    }

    /// Loop side: everything written since the last pull.
    func take() -> (bytes: [UInt8], finished: Bool, overflowed: Bool) {
        state.withLock { state in
            let bytes = state.pending
            state.pending = []
            state.notified = false
            return (bytes, state.finished, state.overflowed)
        }
    }

    /// Loop side: the connection is gone; later writes are dropped.
    func markClosed() {
        state.withLock { state in
            state.closed = true
            state.pending = []
        }
    }
}

/// Makes the responder's completion safe to call from any thread, and only
/// once: a second call is ignored (and logged in debug).
final class ResponseCompletion: Sendable {
    private let called = Atomic<Bool>(false)
    private let loop: EventLoop
    private let token: ConnectionToken

    init(loop: EventLoop, token: ConnectionToken) {
        self.loop = loop
        self.token = token
    }

    func complete(_ response: HTTPResponse) {
        guard called.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else {
            loop.context.logger.log(.debug, "responder completion called more than once; ignored")
            return
        }
        loop.deliver(response, to: token)
    }
}
