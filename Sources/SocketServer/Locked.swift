import Foundation

/// A value guarded by an `NSLock`.
///
/// Used instead of `Synchronization.Mutex` for the cross-thread state
/// (inboxes, stream writers) because ThreadSanitizer reports false races inside
/// `Mutex`'s uninstrumented slow path, which would hide real ones; `NSLock` is
/// fully instrumented and as fast for these short critical sections.
final class Locked<State: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var state: State

    init(_ state: State) { self.state = state }

    func withLock<Result>(_ body: (inout State) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&state)
    }
}
