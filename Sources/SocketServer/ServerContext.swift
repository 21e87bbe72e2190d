import HTTPCore
import TLSTransport

/// What every event loop shares: configuration, responder, counters, logger.
/// Immutable after start, so loops read it without locks.
final class ServerContext: Sendable {
    let configuration: ServerConfiguration
    let responder: any HTTPResponder
    let counters = ServerCounters()
    let logger: ServerLogger

    // Pre-converted timeouts (nanoseconds), read on every state change.
    let tlsHandshakeTimeout: UInt64
    let headerReadTimeout: UInt64
    let bodyReadTimeout: UInt64
    let idleTimeout: UInt64
    let writeTimeout: UInt64
    let lingeringCloseTimeout: UInt64

    /// Refused connections get a 503 body only on plain HTTP (TLS would need a handshake first).
    let refusalBytes: [UInt8]
    let plainHTTPOnTLSPortBytes = ProblemResponses.wireBytes(ProblemResponses.plainHTTPOnTLSPort)

    init(configuration: ServerConfiguration, responder: any HTTPResponder, logger: ServerLogger) {
        self.configuration = configuration
        self.responder = responder
        self.logger = logger
        let timeouts = configuration.timeouts
        tlsHandshakeTimeout = timeouts.tlsHandshake.nanoseconds
        headerReadTimeout = timeouts.headerRead.nanoseconds
        bodyReadTimeout = timeouts.bodyRead.nanoseconds
        idleTimeout = timeouts.idle.nanoseconds
        writeTimeout = timeouts.write.nanoseconds
        lingeringCloseTimeout = timeouts.lingeringClose.nanoseconds
        refusalBytes = configuration.tls == nil ? ProblemResponses.wireBytes(ProblemResponses.serviceUnavailable) : []
    }

    func timeout(_ kind: TimeoutKind) -> UInt64 {
        switch kind {
        case .tlsHandshake: tlsHandshakeTimeout
        case .headerRead: headerReadTimeout
        case .bodyRead: bodyReadTimeout
        case .idle: idleTimeout
        case .write: writeTimeout
        case .lingeringClose: lingeringCloseTimeout
        }
    }
}
