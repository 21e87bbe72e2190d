import Dispatch
import Synchronization

/// A counting limit on password hashes running at once, process-wide.
///
/// Each scrypt hash holds 32 MiB; a burst of logins (or an attacker posting
/// passwords) must not multiply that without bound or take every core.
/// Callers beyond the limit block, so hashing belongs on a worker pool. The
/// peak is recorded so tests can prove the limit holds.
final class HashingSlots: Sendable {
    let limit: Int
    private let semaphore: DispatchSemaphore
    private let counts = Mutex<(inFlight: Int, peak: Int)>((0, 0))

    init(limit: Int) {
        precondition(limit > 0, "HashingSlots needs at least one slot")
        self.limit = limit
        semaphore = DispatchSemaphore(value: limit)
    }

    /// Runs `body` once a slot is free, holding the slot until it returns.
    func withSlot<Result>(_ body: () throws -> Result) rethrows -> Result {
        semaphore.wait()
        counts.withLock { counts in
            counts.inFlight += 1
            counts.peak = max(counts.peak, counts.inFlight)
        }
        defer {
            counts.withLock { $0.inFlight -= 1 }
            semaphore.signal()
        }
        return try body()
    }

    /// The most hashes ever observed running at once.
    var peak: Int { counts.withLock { $0.peak } }
}
