import SocketServer
import Synchronization
import Web

/// The server-level families of `/metrics`: connections, TLS handshakes, parse errors,
/// timeouts (from `ServerStatistics`) and the worker queue.
///
/// Exists because the metrics route is installed before the server and responder it reports
/// on exist; the application binds them once built. Held weakly, so the route does not keep
/// a stopped server alive. The database pool exposes no statistics, so none are reported.
final class ServerMetrics: Sendable {
    private struct Sources: Sendable {
        weak var server: HTTPServer?
        weak var responder: RouterResponder?
        let workerThreads: Int
    }

    private let sources = Mutex<Sources?>(nil)

    func bind(server: HTTPServer, responder: RouterResponder, workerThreads: Int) {
        sources.withLock { $0 = Sources(server: server, responder: responder, workerThreads: workerThreads) }
    }

    func render(into text: inout PrometheusText) {
        guard let sources = sources.withLock({ $0 }) else { return }
        if let statistics = sources.server?.statistics {
            Self.render(statistics, into: &text)
        }
        if let responder = sources.responder {
            text.single("klipso_worker_queue_depth", help: "Requests waiting for a worker thread.", kind: .gauge,
                        responder.queuedRequests)
        }
        text.single("klipso_worker_threads", help: "Threads running blocking request work.", kind: .gauge,
                    sources.workerThreads)
    }

    static func render(_ statistics: ServerStatistics, into text: inout PrometheusText) {
        text.single("klipso_open_connections", help: "Client connections currently open.", kind: .gauge,
                    statistics.openConnections)
        text.single("klipso_connections_accepted_total", help: "Connections accepted.", kind: .counter,
                    statistics.acceptedTotal)
        text.single("klipso_connections_refused_total", help: "Connections refused at the connection cap.",
                    kind: .counter, statistics.refusedTotal)
        text.family("klipso_tls_handshakes_total", help: "TLS handshakes by result.", kind: .counter)
        text.sample("klipso_tls_handshakes_total", labels: ["result": "completed"], statistics.tlsHandshakesCompleted)
        text.sample("klipso_tls_handshakes_total", labels: ["result": "failed"], statistics.tlsHandshakesFailed)
        text.single("klipso_http_parse_errors_total", help: "Requests rejected by the HTTP parser.", kind: .counter,
                    statistics.parseErrors)
        text.family("klipso_connection_timeouts_total", help: "Connections closed by a timeout, by kind.", kind: .counter)
        let timeouts = statistics.timeouts
        for (kind, count) in [("tls_handshake", timeouts.tlsHandshake), ("header_read", timeouts.headerRead),
                              ("body_read", timeouts.bodyRead), ("idle", timeouts.idle), ("write", timeouts.write)] {
            text.sample("klipso_connection_timeouts_total", labels: [("kind", kind)], count)
        }
    }
}
