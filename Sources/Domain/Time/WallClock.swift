import Foundation
import Synchronization

/// The source of "now" that every service takes instead of calling `Date()` itself.
///
/// Rules such as "only the head of office holding the tenure today" or "an assignment is
/// active on its last day" depend on the current instant; taking the clock as a parameter lets
/// tests put the system at any moment. (Named `WallClock` rather than `Clock` so it does not
/// collide with the standard library's `Clock` protocol for durations.)
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real system time.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when told to; for tests, simulations and replaying events.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) {
        current = Mutex(start)
    }

    public func now() -> Date { current.withLock { $0 } }

    public func set(_ instant: Date) {
        current.withLock { $0 = instant }
    }

    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}
