@preconcurrency import Glibc
import CSystemShim

/// Graceful shutdown of one loop: stop accepting, close idle connections,
/// let requests in flight finish until the deadline, then force-close and exit.
extension EventLoop {
    func beginShutdown(deadline: UInt64) {
        guard shutdownDeadline == nil else { return }
        shutdownDeadline = deadline
        closeListener()
        for connection in slots.compactMap({ $0 }) { connection.serverIsShuttingDown() }
    }

    var isShuttingDown: Bool { shutdownDeadline != nil }

    func checkShutdownProgress() {
        guard let deadline = shutdownDeadline else { return }
        if connectionCount > 0 && now >= deadline {
            for connection in slots.compactMap({ $0 }) { connection.abort() }
        }
        if connectionCount == 0 { running = false }
    }

    func closeListener() {
        guard listenerFD >= 0 else { return }
        try? Syscall.epollControl(epoll, EPOLL_CTL_DEL, fd: listenerFD, events: 0, token: 0)
        Syscall.close(listenerFD)
        listenerFD = -1
    }
}
