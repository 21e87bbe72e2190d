/// Deadlines and deferred work of one loop: the timer heap drives every
/// connection timeout, the deferred list re-drives connections that yielded.
extension EventLoop {
    /// Pops due deadlines. An entry whose connection has since moved its
    /// deadline later is re-queued at the new time (see `TimerHeap`).
    func fireTimers() {
        while let entry = timers.popDue(now: now) {
            guard let connection = connection(for: entry.token), entry.deadline == connection.scheduledDeadline else { continue }
            connection.scheduledDeadline = 0
            guard connection.deadline != 0 else { continue }
            if connection.deadline <= now {
                connection.timedOut()
            } else {
                connection.scheduledDeadline = connection.deadline
                timers.push(.init(deadline: connection.deadline, token: entry.token))
            }
        }
    }

    func schedule(_ token: ConnectionToken, at deadline: UInt64) {
        timers.push(.init(deadline: deadline, token: token))
        // Superseded entries of closed or re-armed connections pile up under
        // heavy churn; drop them once they outnumber the live ones.
        if timers.count > 2 * connectionCount + 1024 {
            timers.removeAll { entry in connection(for: entry.token)?.scheduledDeadline != entry.deadline }
        }
    }

    func deferDrive(_ connection: Connection) {
        guard !connection.isDeferred else { return }
        connection.isDeferred = true
        deferred.append(connection.token)
    }

    func runDeferred() {
        guard !deferred.isEmpty else { return }
        swap(&deferred, &deferredRunning)
        for token in deferredRunning {
            guard let connection = connection(for: token) else { continue }
            connection.isDeferred = false
            connection.drive()
        }
        deferredRunning.removeAll(keepingCapacity: true)
    }
}
