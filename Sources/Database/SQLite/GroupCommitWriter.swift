import Foundation
import Synchronization

/// The single SQLite writer: a thread that batches concurrently submitted write
/// units into one `BEGIN IMMEDIATE … COMMIT`, each unit in its own SAVEPOINT.
///
/// Why it exists: with `synchronous=FULL` every commit costs an fsync (milliseconds).
/// SQLite allows one writer at a time anyway, so instead of queueing writers for
/// the lock, one thread commits many units per fsync. Each submitter gets its own
/// result or error (a throwing unit rolls back only its savepoint) and returns only
/// after the COMMIT that included it succeeded. Units may run more than once (if
/// SQLite rolls the whole batch back) and so must only touch the database.
final class GroupCommitWriter: @unchecked Sendable {
    // `pending` and `stopping` are guarded by `queue`; `connection` is used only
    // while holding `connectionLock` (the writer thread per batch, or an exclusive
    // caller of `exclusive`).
    private let queue = NSCondition()
    private var pending: [WriteUnit] = []
    private var stopping = false
    private let connectionLock = NSLock()
    private let connection: SQLiteConnection
    private let maxBatch: Int
    private let maxAttempts = 5
    private let stopped = DispatchSemaphore(value: 0)
    private let writerThreadID = Mutex<pthread_t?>(nil)
    /// The thread inside `exclusive`, if any: a write it submits must not wait for the writer thread.
    private let exclusiveThreadID = Mutex<pthread_t?>(nil)
    private let counters = Mutex(Statistics())

    /// How many COMMITs covered how many units: the batching actually achieved.
    struct Statistics: Sendable {
        var commits = 0
        var units = 0
        /// Transactions SQLite abandoned mid-batch (their surviving units ran again).
        var abortedBatches = 0
    }

    var statistics: Statistics { counters.withLock { $0 } }

    init(connection: SQLiteConnection, maxBatch: Int) {
        self.connection = connection
        self.maxBatch = max(1, maxBatch)
        let thread = Thread { [self] in run() }
        thread.name = "sqlite-group-commit"
        thread.start()
    }

    /// Runs `body` as one unit of the next group commit and waits for its outcome.
    func submit<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        if isWriterThread {
            // A write nested in a write: it joins the enclosing unit as a savepoint.
            return try connection.runSavepoint(body)
        }
        if holdsExclusive {
            // Called inside `exclusive` on this thread: the writer thread waits for
            // us, so run here, as a savepoint or a transaction of its own.
            return try connection.transaction(.default, body)
        }
        return try withoutActuallyEscaping(body) { body in
            let result = ResultBox<T>()
            let unit = WriteUnit { connection in result.value = try body(connection) }
            queue.lock()
            guard !stopping else {
                queue.unlock()
                throw DatabaseError(.unavailable, "the database pool is closed", code: BlockingPool<SQLiteConnection>.poolErrorCode)
            }
            pending.append(unit)
            queue.signal()
            queue.unlock()
            unit.done.wait()
            if let error = unit.error { throw error }
            guard let value = result.value else { throw DatabaseError(.other, "write unit finished without a result") }
            return value
        }
    }

    /// Gives `body` the writer connection alone, between batches (migrations, maintenance).
    func exclusive<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        if isWriterThread || holdsExclusive { return try body(connection) }
        connectionLock.lock()
        exclusiveThreadID.withLock { $0 = pthread_self() }
        defer {
            exclusiveThreadID.withLock { $0 = nil }
            connectionLock.unlock()
        }
        guard !connection.isClosed else { throw DatabaseError(.unavailable, "the database pool is closed", code: BlockingPool<SQLiteConnection>.poolErrorCode) }
        defer { if connection.isInTransaction || !connection.isAutocommit { connection.rollbackQuietly() } }
        return try body(connection)
    }

    /// Finishes every queued unit, stops the thread and closes the connection.
    func stop() {
        queue.lock()
        let alreadyStopping = stopping
        stopping = true
        queue.signal()
        queue.unlock()
        guard !alreadyStopping else { return }
        stopped.wait()
        connectionLock.lock()
        connection.close()
        connectionLock.unlock()
    }

    private var isWriterThread: Bool { Self.isCurrentThread(writerThreadID) }
    private var holdsExclusive: Bool { Self.isCurrentThread(exclusiveThreadID) }

    private static func isCurrentThread(_ id: borrowing Mutex<pthread_t?>) -> Bool {
        id.withLock { id in id.map { pthread_equal($0, pthread_self()) != 0 } ?? false }
    }

    private func run() {
        writerThreadID.withLock { $0 = pthread_self() }
        while let batch = nextBatch() {
            connectionLock.lock()
            commit(batch)
            connectionLock.unlock()
        }
        stopped.signal()
    }

    private func nextBatch() -> [WriteUnit]? {
        queue.lock()
        defer { queue.unlock() }
        while pending.isEmpty && !stopping { queue.wait() }
        if pending.isEmpty { return nil }
        let batch = Array(pending.prefix(maxBatch))
        pending.removeFirst(batch.count)
        return batch
    }

    private func commit(_ units: [WriteUnit]) {
        var remaining = units
        var attempt = 0
        while !remaining.isEmpty {
            attempt += 1
            do {
                try connection.runControl("BEGIN IMMEDIATE")
            } catch {
                if let error = error as? DatabaseError, error.isRetryable, attempt < maxAttempts {
                    Backoff.pause(attempt: attempt)
                    continue
                }
                remaining.forEach { $0.finish(error) }
                return
            }
            connection.transactionDepth = 1
            let (succeeded, rerun) = runUnits(remaining)
            if let rerun {
                // SQLite rolled the whole transaction back; the survivors run again.
                connection.transactionDepth = 0
                counters.withLock { $0.abortedBatches += 1 }
                remaining = rerun
                continue
            }
            do {
                try connection.checkCommittable()
                try connection.runControl("COMMIT")
                connection.transactionDepth = 0
                counters.withLock { $0.commits += 1; $0.units += succeeded.count }
                succeeded.forEach { $0.finish(nil) }
                return
            } catch {
                connection.rollbackQuietly()
                if let error = error as? DatabaseError, error.isRetryable, attempt < maxAttempts {
                    remaining = succeeded
                    Backoff.pause(attempt: attempt)
                    continue
                }
                succeeded.forEach { $0.finish(error) }
                return
            }
        }
    }

    /// Runs each unit in a savepoint. Failed units are finished at once. Returns
    /// the units awaiting COMMIT, or — if a failure ended the whole transaction —
    /// the units that must run again in a new one.
    private func runUnits(_ units: [WriteUnit]) -> (succeeded: [WriteUnit], rerun: [WriteUnit]?) {
        var succeeded: [WriteUnit] = []
        for (index, unit) in units.enumerated() {
            do {
                try connection.runSavepoint { try unit.run($0) }
                succeeded.append(unit)
            } catch {
                unit.finish(error)
                if connection.isAutocommit {
                    return (succeeded, succeeded + units[(index + 1)...])
                }
            }
        }
        return (succeeded, nil)
    }
}
