import Synchronization

/// A snapshot of the server's counters, for metrics and tests.
///
/// Counters are atomics updated by the event loops, so reading a snapshot never
/// stops or slows them.
public struct ServerStatistics: Sendable, Equatable {
    public var openConnections: Int
    public var acceptedTotal: Int
    public var refusedTotal: Int
    public var tlsHandshakesCompleted: Int
    public var tlsHandshakesFailed: Int
    public var requestsServed: Int
    public var parseErrors: Int
    public var timeouts: Timeouts

    /// Connections closed by each timeout.
    public struct Timeouts: Sendable, Equatable {
        public var tlsHandshake: Int
        public var headerRead: Int
        public var bodyRead: Int
        public var idle: Int
        public var write: Int
    }
}

/// Which deadline a connection is running against.
enum TimeoutKind: Int, Sendable {
    case tlsHandshake, headerRead, bodyRead, idle, write, lingeringClose
}

/// The live atomics behind `ServerStatistics`, shared by all loops.
final class ServerCounters: Sendable {
    let openConnections = Atomic<Int>(0)
    let acceptedTotal = Atomic<Int>(0)
    let refusedTotal = Atomic<Int>(0)
    let tlsHandshakesCompleted = Atomic<Int>(0)
    let tlsHandshakesFailed = Atomic<Int>(0)
    let requestsServed = Atomic<Int>(0)
    let parseErrors = Atomic<Int>(0)
    let tlsHandshakeTimeouts = Atomic<Int>(0)
    let headerReadTimeouts = Atomic<Int>(0)
    let bodyReadTimeouts = Atomic<Int>(0)
    let idleTimeouts = Atomic<Int>(0)
    let writeTimeouts = Atomic<Int>(0)

    func bump(_ counter: borrowing Atomic<Int>) {
        counter.wrappingAdd(1, ordering: .relaxed)
    }

    func countTimeout(_ kind: TimeoutKind) {
        switch kind {
        case .tlsHandshake: bump(tlsHandshakeTimeouts)
        case .headerRead: bump(headerReadTimeouts)
        case .bodyRead: bump(bodyReadTimeouts)
        case .idle: bump(idleTimeouts)
        case .write: bump(writeTimeouts)
        case .lingeringClose: break
        }
    }

    var snapshot: ServerStatistics {
        func load(_ atomic: borrowing Atomic<Int>) -> Int { atomic.load(ordering: .relaxed) }
        return ServerStatistics(
            openConnections: load(openConnections),
            acceptedTotal: load(acceptedTotal),
            refusedTotal: load(refusedTotal),
            tlsHandshakesCompleted: load(tlsHandshakesCompleted),
            tlsHandshakesFailed: load(tlsHandshakesFailed),
            requestsServed: load(requestsServed),
            parseErrors: load(parseErrors),
            timeouts: .init(
                tlsHandshake: load(tlsHandshakeTimeouts),
                headerRead: load(headerReadTimeouts),
                bodyRead: load(bodyReadTimeouts),
                idle: load(idleTimeouts),
                write: load(writeTimeouts)
            )
        )
    }
}
