import HTTPCore
import Web

/// Liveness and readiness, for load balancers and container health checks.
///
/// `/health` runs inline on the event loop: it touches nothing that can block,
/// so a probe is answered even when every worker thread is busy.
public enum HealthRoutes {
    /// Asks whether the database answers; `/ready` says 503 when it does not.
    public typealias ReadinessCheck = @Sendable () -> Bool

    public static func install(into router: inout Router, readiness: @escaping ReadinessCheck) {
        let healthy = HTTPResponse.json(bytes: #"{"status":"ok"}"#)
        router.get("/health", options: .inline) { _, _ in healthy }
        router.get("/ready") { _, _ in
            guard readiness() else {
                throw HTTPError.serviceUnavailable(retryAfter: 5, "The database does not answer.")
            }
            return .json(bytes: #"{"status":"ready"}"#)
        }
    }
}
