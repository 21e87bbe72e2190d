import Foundation
import HTTPCore
import HTTPTestClient
import Testing
@testable import API
import Web

@Suite("Metrics, rate limits and CORS on the live server")
struct PlatformTests {
    @Test func metricsFromLoopbackWithoutTokenOrFromAnAdmin() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        #expect(try live.call("GET", "/v1/staff").status == 200)
        #expect(try live.call("GET", "/v1/staff/nope").status == 404)
        let scrape = try live.call("GET", "/metrics", token: nil)
        #expect(scrape.status == 200)
        #expect(scrape.header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let lines = Set(scrape.text.split(separator: "\n").map(String.init))
        #expect(lines.contains(#"klipso_http_requests_total{method="GET",route="/v1/staff",status="200"} 1"#))
        #expect(lines.contains(#"klipso_http_requests_total{method="GET",route="/v1/staff/{id}",status="404"} 1"#))
        #expect(lines.contains(#"klipso_http_request_duration_seconds_count{route="/v1/staff"} 1"#))
        for prefix in ["klipso_open_connections ", #"klipso_tls_handshakes_total{result="completed"} "#,
                       #"klipso_tls_handshakes_total{result="failed"} "#, "klipso_http_parse_errors_total ",
                       #"klipso_connection_timeouts_total{kind="idle"} "#, "klipso_worker_queue_depth 0",
                       "klipso_worker_threads 4", #"klipso_webhook_deliveries{status="pending"} 0"#] {
            #expect(lines.contains { $0.hasPrefix(prefix) }, "\(prefix)")
        }
        let handshakes = lines.first { $0.hasPrefix(#"klipso_tls_handshakes_total{result="completed"} "#) }
        #expect((handshakes?.split(separator: " ").last.flatMap { Int($0) } ?? 0) >= 3)

        #expect(try live.call("GET", "/metrics").status == 200)  // admin token
        let clerk = try live.person("kasir", roles: ["front_office"])
        #expect(try live.call("GET", "/metrics", token: clerk.token).status == 403)
        #expect(try live.call("GET", "/metrics", token: "not-a-valid-token-at-all").status == 401)
    }

    @Test func metricsFromAnotherAddressNeedAnAdmin() throws {
        var remote = RequestContext(connection: ConnectionInfo(remoteAddress: "192.0.2.10", remotePort: 1, isTLS: true))
        #expect(throws: HTTPError.self) { try MetricsRoutes.authorize(remote) }
        remote.storage[AuthenticationKey.self] = .anonymous
        #expect(throws: HTTPError.self) { try MetricsRoutes.authorize(remote) }
        let local = RequestContext(connection: ConnectionInfo(remoteAddress: "::1", remotePort: 1, isTLS: true))
        #expect(throws: Never.self) { try MetricsRoutes.authorize(local) }
    }

    @Test func perCredentialLimitAnswers429ButNeverOnProbes() throws {
        let live = try LiveAPI {
            $0.adminToken = LiveAPI.adminToken
            $0.rateLimitPerSecond = 0.2
            $0.rateLimitBurst = 3
            $0.rateLimitsLoopback = true
        }
        defer { live.stop() }
        let client = try live.client()
        let statuses = try (0..<4).map { _ in try client.json("GET", "/v1/staff", token: LiveAPI.adminToken).status }
        #expect(statuses == [200, 200, 200, 429])
        let refused = try client.json("GET", "/v1/staff", token: LiveAPI.adminToken)
        #expect(refused.status == 429)
        #expect(Int(refused.header("Retry-After") ?? "") ?? 0 >= 1)
        #expect(refused.object["type"] as? String == "https://klipso.example/problems/too-many-requests")
        for _ in 0..<10 {
            #expect(try client.request("GET", "/health").status == 200)
            #expect(try client.request("GET", "/ready").status == 200)
        }
    }

    @Test func corsPreflightAndActualResponseOverTLS() throws {
        let origin = "https://app.example.go.id"
        let live = try LiveAPI {
            $0.adminToken = LiveAPI.adminToken
            $0.corsOrigins = [origin]
        }
        defer { live.stop() }
        let client = try live.client()
        let preflight = try client.request("OPTIONS", "/v1/staff", headers: [
            ("Origin", origin), ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")])
        #expect(preflight.status == 204)
        #expect(preflight.header("Access-Control-Allow-Origin") == origin)
        #expect(preflight.header("Access-Control-Allow-Headers")?.contains("Idempotency-Key") == true)
        #expect(preflight.header("X-Request-Id") != nil)
        let actual = try client.json("GET", "/v1/staff", token: LiveAPI.adminToken, headers: [("Origin", origin)])
        #expect(actual.status == 200)
        #expect(actual.header("Access-Control-Allow-Origin") == origin)
        #expect(actual.header("Access-Control-Expose-Headers")?.contains("ETag") == true)
        #expect(actual.header("Vary")?.contains("Origin") == true)
        let other = try client.json("GET", "/v1/staff", token: LiveAPI.adminToken, headers: [("Origin", "https://evil.example")])
        #expect(other.header("Access-Control-Allow-Origin") == nil)
    }
}
