import Foundation
import HTTPCore
import Testing
@testable import Web

@Suite struct MetricsTests {
    @Test func requestsAreCountedByMethodRouteTemplateAndStatus() throws {
        let metrics = HTTPMetrics()
        let responder = makeResponder { router in
            router.add(middleware: MetricsMiddleware(metrics: metrics))
            router.get("/v1/visits/{id}") { _, context in
                if context.parameters["id"] == "missing" { throw HTTPError.notFound() }
                return .text("ok")
            }
        }
        defer { responder.shutdown() }
        for id in ["a", "b", "c", "missing"] { _ = send(responder, "/v1/visits/\(id)") }
        _ = send(responder, .post, "/v1/visits/a")
        _ = send(responder, "/nowhere")
        _ = send(responder, HTTPMethod("BREW"), "/v1/visits/a")
        #expect(metrics.requestCount(method: "GET", route: "/v1/visits/{id}", status: 200) == 3)
        #expect(metrics.requestCount(method: "GET", route: "/v1/visits/{id}", status: 404) == 1)
        #expect(metrics.requestCount(method: "POST", route: "unmatched", status: 405) == 1)
        #expect(metrics.requestCount(method: "GET", route: "unmatched", status: 404) == 1)
        #expect(metrics.requestCount(method: "OTHER", route: "unmatched", status: 405) == 1)

        var text = PrometheusText()
        metrics.render(into: &text)
        let lines = text.text.split(separator: "\n").map(String.init)
        #expect(lines.contains("# TYPE klipso_http_requests_total counter"))
        #expect(lines.contains(#"klipso_http_requests_total{method="GET",route="/v1/visits/{id}",status="200"} 3"#))
        #expect(lines.contains("# TYPE klipso_http_request_duration_seconds histogram"))
        #expect(lines.contains(#"klipso_http_request_duration_seconds_bucket{route="/v1/visits/{id}",le="+Inf"} 4"#))
        #expect(lines.contains(#"klipso_http_request_duration_seconds_count{route="/v1/visits/{id}"} 4"#))
        #expect(!text.text.contains("/v1/visits/a"))
        // Buckets are cumulative: never decreasing, ending at the count.
        let buckets = lines.filter { $0.hasPrefix(#"klipso_http_request_duration_seconds_bucket{route="/v1/visits/{id}""#) }
            .compactMap { $0.split(separator: " ").last.flatMap { Int($0) } }
        #expect(buckets.count == HTTPMetrics.durationBuckets.count + 1)
        #expect(buckets == buckets.sorted() && buckets.last == 4)
    }

    /// Many threads record at once: no increment is lost across shards.
    @Test func concurrentRecordingLosesNothing() {
        let metrics = HTTPMetrics(shardCount: 4)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for _ in 0..<5_000 {
                metrics.record(method: .get, route: "/r\(index % 2)", status: 200, seconds: 0.002)
            }
        }
        #expect(metrics.requestCount(method: "GET", route: "/r0", status: 200) == 20_000)
        #expect(metrics.requestCount(method: "GET", route: "/r1", status: 200) == 20_000)
    }

    @Test func labelValuesAreEscaped() {
        var text = PrometheusText()
        text.family("x_total", help: "a\\b\nc", kind: .gauge)
        text.sample("x_total", labels: [("route", "a\"b\\c\nd")], 1)
        #expect(text.text == "# HELP x_total a\\\\b\\nc\n# TYPE x_total gauge\nx_total{route=\"a\\\"b\\\\c\\nd\"} 1\n")
    }
}
