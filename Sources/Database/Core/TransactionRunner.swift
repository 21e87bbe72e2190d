import Foundation

/// The primitives a backend supplies so both share one transaction algorithm.
protocol TransactionalConnection: SQLConnection {
    var transactionDepth: Int { get set }
    /// Runs a parameterless control statement (BEGIN, COMMIT, SAVEPOINT, …).
    func runControl(_ sql: String) throws
    func beginStatement(_ options: TransactionOptions) -> String
    /// Throws if the open transaction can no longer commit (PostgreSQL answers
    /// COMMIT of an aborted transaction with a silent ROLLBACK).
    func checkCommittable() throws
    /// Tries to re-establish a lost connection; true if it is usable again.
    func recoverLostConnection() -> Bool
}

extension TransactionalConnection {
    var isInTransaction: Bool { transactionDepth > 0 }

    func runTransaction<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        if transactionDepth > 0 { return try runSavepoint(body) }
        var attempt = 1
        while true {
            do {
                return try runTopLevel(options, body)
            } catch let error as DatabaseError where error.isRetryable && attempt < options.maxAttempts {
                attempt += 1
                Backoff.pause(attempt: attempt)
            }
        }
    }

    private func runTopLevel<T>(_ options: TransactionOptions, _ body: (any SQLConnection) throws -> T) throws -> T {
        try begin(options)
        transactionDepth = 1
        do {
            let result = try body(self)
            try checkCommittable()
            try runControl("COMMIT")
            transactionDepth = 0
            return result
        } catch {
            rollbackQuietly()
            throw error
        }
    }

    /// BEGIN; nothing has happened yet if it fails, so a lost connection is
    /// re-established once and BEGIN retried: the caller never sees the outage.
    private func begin(_ options: TransactionOptions) throws {
        let statement = beginStatement(options)
        do {
            try runControl(statement)
        } catch let error as DatabaseError where error.kind == .unavailable {
            guard recoverLostConnection() else { throw error }
            try runControl(statement)
        }
    }

    func rollbackQuietly() {
        try? runControl("ROLLBACK")
        transactionDepth = 0
    }

    func runSavepoint<T>(_ body: (any SQLConnection) throws -> T) throws -> T {
        let name = "klipso_sp\(transactionDepth)"
        try runControl("SAVEPOINT \(name)")
        transactionDepth += 1
        do {
            let result = try body(self)
            transactionDepth -= 1
            try runControl("RELEASE SAVEPOINT \(name)")
            return result
        } catch {
            transactionDepth -= 1
            try? runControl("ROLLBACK TO SAVEPOINT \(name)")
            try? runControl("RELEASE SAVEPOINT \(name)")
            throw error
        }
    }
}

/// Randomised, bounded exponential back-off between retries so colliding
/// transactions do not collide again in lock-step.
enum Backoff {
    static func pause(attempt: Int) {
        let ceilingMicroseconds = min(50_000, 500 << min(attempt, 8))
        usleep(UInt32.random(in: 100...UInt32(ceilingMicroseconds)))
    }
}
