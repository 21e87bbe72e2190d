import Foundation

/// A bounded set of connections handed out to one thread at a time, blocking
/// callers (up to a timeout) when all are busy.
///
/// Why it exists: request handlers run on a thread pool and block; they must
/// share a fixed number of connections. Connections are created lazily, and
/// `prepareForReuse` runs on check-in so a connection in a failed or open
/// transaction is never handed out again.
final class BlockingPool<Connection: AnyObject>: @unchecked Sendable {
    // All mutable state is guarded by `condition`. Connections are only touched
    // by the thread that checked them out, so handing them across threads under
    // the lock is safe even though they are not Sendable.
    private let condition = NSCondition()
    private var idle: [Connection] = []
    private var total = 0
    private var closed = false
    private let capacity: Int
    private let acquireTimeout: TimeInterval
    private let makeConnection: () throws -> Connection
    private let prepareForReuse: (Connection) -> Bool
    private let closeConnection: (Connection) -> Void

    /// Marks `unavailable` errors raised by the pool itself rather than by a lost connection.
    static var poolErrorCode: String { "pool" }

    init(capacity: Int, acquireTimeout: TimeInterval,
         make: @escaping () throws -> Connection,
         prepareForReuse: @escaping (Connection) -> Bool,
         close: @escaping (Connection) -> Void) {
        self.capacity = max(1, capacity)
        self.acquireTimeout = acquireTimeout
        self.makeConnection = make
        self.prepareForReuse = prepareForReuse
        self.closeConnection = close
    }

    func with<T>(_ body: (Connection) throws -> T) throws -> T {
        let connection = try checkOut()
        defer { checkIn(connection) }
        return try body(connection)
    }

    private func checkOut() throws -> Connection {
        let deadline = Date(timeIntervalSinceNow: acquireTimeout)
        condition.lock()
        while true {
            if closed {
                condition.unlock()
                throw DatabaseError(.unavailable, "the database pool is closed", code: Self.poolErrorCode)
            }
            if let connection = idle.popLast() {
                condition.unlock()
                return connection
            }
            if total < capacity {
                total += 1
                condition.unlock()
                do {
                    return try makeConnection()
                } catch {
                    condition.lock()
                    total -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw DatabaseError(.unavailable, "no database connection became free within \(acquireTimeout) s", code: Self.poolErrorCode)
            }
        }
    }

    private func checkIn(_ connection: Connection) {
        let reusable = prepareForReuse(connection)
        condition.lock()
        if reusable && !closed {
            idle.append(connection)
            condition.signal()
            condition.unlock()
            return
        }
        total -= 1
        condition.signal()
        condition.unlock()
        closeConnection(connection)
    }

    /// Closes idle connections now; busy ones close when checked in.
    func close() {
        condition.lock()
        closed = true
        let toClose = idle
        idle = []
        total -= toClose.count
        condition.broadcast()
        condition.unlock()
        toClose.forEach(closeConnection)
    }
}
