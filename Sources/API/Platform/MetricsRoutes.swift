import HTTPCore
import Web

/// `GET /metrics`: Prometheus text format 0.0.4 for the operator's scraper.
///
/// Exists so request rates, latencies and server health can be watched without logs. Open
/// to an admin token, and to loopback clients that send no token (a local Prometheus or
/// agent); a loopback client that sends a token must send an admin's. Runs on the work pool
/// because the bearer middleware only authenticates there.
public enum MetricsRoutes {
    /// Appends families beyond the HTTP ones (server, worker queue, …) at scrape time.
    public typealias Gauges = @Sendable (inout PrometheusText) -> Void

    public static func install(into router: inout Router, metrics: HTTPMetrics, gauges: @escaping Gauges) {
        router.get("/metrics") { _, context in
            try authorize(context)
            var text = PrometheusText()
            metrics.render(into: &text)
            gauges(&text)
            return HTTPResponse(status: .ok, headers: ["Content-Type": PrometheusText.contentType, "Cache-Control": "no-store"],
                                body: .bytes(Array(text.text.utf8)))
        }
    }

    static func authorize(_ context: RequestContext) throws {
        if case .anonymous = context.authentication, context.connection.isLoopback { return }
        _ = try context.requireRole(.admin)
    }
}
