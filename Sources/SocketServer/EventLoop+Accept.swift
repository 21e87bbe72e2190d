@preconcurrency import Glibc
import CSystemShim
import HTTPCore
import TLSTransport

extension EventLoop {
    private static let acceptBatch = 64
    /// How long the listener rests after the process ran out of descriptors,
    /// instead of spinning on a level-triggered listener that cannot be served.
    private static let descriptorExhaustionBackoff: UInt64 = 100_000_000

    /// Accepts a bounded batch; the level-triggered listener wakes us again for the rest.
    func acceptConnections() {
        for _ in 0..<Self.acceptBatch where listenerFD >= 0 {
            let accepted: (fd: Int32, peer: SocketAddress)
            do {
                switch try Syscall.accept(listenerFD) {
                case .wouldBlock: return
                case .done(let result): accepted = result
                }
            } catch {
                switch error.errno {
                case ECONNABORTED, EPROTO, EPERM, ENETDOWN, ENOPROTOOPT, EHOSTDOWN, ENONET, EHOSTUNREACH, EOPNOTSUPP, ENETUNREACH:
                    continue // that one connection died in the queue; the next may be fine
                case EMFILE, ENFILE, ENOBUFS, ENOMEM:
                    pauseListener(reason: error)
                    return
                default:
                    context.logger.log(.error, "accept on loop \(index): \(error)")
                    pauseListener(reason: error)
                    return
                }
            }
            admit(fd: accepted.fd, peer: accepted.peer)
        }
    }

    private func admit(fd: Int32, peer: SocketAddress) {
        let counters = context.counters
        counters.bump(counters.acceptedTotal)
        let open = counters.openConnections.wrappingAdd(1, ordering: .relaxed).newValue
        guard open <= context.configuration.maxConnections, !isShuttingDown else {
            counters.openConnections.wrappingSubtract(1, ordering: .relaxed)
            refuse(fd)
            return
        }
        Listener.configureAccepted(fd)
        let token = allocateToken()
        let info = ConnectionInfo(remoteAddress: peer.hostText, remotePort: peer.port, isTLS: context.configuration.tls != nil)
        let tls: TLSConnection?
        do {
            tls = try context.configuration.tls?.makeConnection()
        } catch {
            context.logger.log(.error, "cannot create TLS session: \(error)")
            counters.openConnections.wrappingSubtract(1, ordering: .relaxed)
            freeSlots.append(token.slot)
            Syscall.close(fd)
            return
        }
        do {
            // Edge-triggered, registered once with both directions: no epoll_ctl
            // per request. Correct under ET because the connection records
            // readiness (mayRead/mayWrite) and reads until EAGAIN (or a short
            // read) whenever it wants input, and writes until EAGAIN.
            let events = EPOLLIN.rawValue | EPOLLOUT.rawValue | EPOLLRDHUP.rawValue | EPOLLET.rawValue
            try Syscall.epollControl(epoll, EPOLL_CTL_ADD, fd: fd, events: events, token: token.rawValue)
        } catch {
            context.logger.log(.error, "cannot register connection: \(error)")
            counters.openConnections.wrappingSubtract(1, ordering: .relaxed)
            freeSlots.append(token.slot)
            Syscall.close(fd)
            return
        }
        let connection = Connection(loop: self, token: token, fd: fd, info: info, tls: tls)
        insert(connection)
        connection.start()
    }

    /// A clean refusal at the connection cap: a 503 problem on plain HTTP, then close.
    private func refuse(_ fd: Int32) {
        context.counters.bump(context.counters.refusedTotal)
        let bytes = context.refusalBytes
        if !bytes.isEmpty {
            _ = bytes.withUnsafeBytes { try? Syscall.send(fd, $0) }
            Syscall.shutdownWrite(fd)
        }
        Syscall.close(fd)
    }

    private func pauseListener(reason: SystemError) {
        guard listenerFD >= 0, listenerPausedUntil == 0 else { return }
        context.logger.log(.warning, "accept paused for 100 ms on loop \(index): \(reason)")
        try? Syscall.epollControl(epoll, EPOLL_CTL_MOD, fd: listenerFD, events: 0, token: ConnectionToken.listener.rawValue)
        listenerPausedUntil = now + Self.descriptorExhaustionBackoff
    }

    func resumeListenerIfDue() {
        guard listenerPausedUntil != 0, now >= listenerPausedUntil else { return }
        listenerPausedUntil = 0
        guard listenerFD >= 0 else { return }
        try? Syscall.epollControl(epoll, EPOLL_CTL_MOD, fd: listenerFD, events: EPOLLIN.rawValue, token: ConnectionToken.listener.rawValue)
    }
}
