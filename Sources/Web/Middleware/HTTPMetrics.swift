#if canImport(Glibc)
import Glibc
#endif
import HTTPCore
import Synchronization

/// Request counters and latency histograms for `/metrics`, cheap enough for every request.
///
/// Exists because operators need rates, errors and latency per route. Recording takes one
/// uncontended lock: state is split into shards chosen by the recording thread, so threads
/// (event loops, workers) almost never wait for each other and there is no global lock on
/// the hot path. Rendering merges the shards. Label sets are bounded: `route` is the route
/// template (never a raw path; `unmatched` when no route matched) and unknown methods
/// become `OTHER`, so clients cannot inflate the series count.
public final class HTTPMetrics: Sendable {
    /// Upper bounds (seconds) of the latency histogram's buckets.
    public static let durationBuckets: [Double] = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1,
                                                   0.25, 0.5, 1, 2.5, 5, 10]
    public static let unmatchedRoute = "unmatched"
    static let knownMethods: Set<String> = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]

    struct SeriesKey: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    struct Histogram {
        var bucketCounts = [Int](repeating: 0, count: HTTPMetrics.durationBuckets.count)
        var count = 0
        var sum = 0.0

        mutating func observe(_ seconds: Double) {
            count += 1
            sum += seconds
            if let index = HTTPMetrics.durationBuckets.firstIndex(where: { seconds <= $0 }) { bucketCounts[index] += 1 }
        }

        mutating func merge(_ other: Histogram) {
            count += other.count
            sum += other.sum
            for index in bucketCounts.indices { bucketCounts[index] += other.bucketCounts[index] }
        }
    }

    struct State {
        var requests: [SeriesKey: Int] = [:]
        var durations: [String: Histogram] = [:]
    }

    private final class Shard: Sendable {
        let state = Mutex(State())
    }

    private let shards: [Shard]

    /// `shardCount` is rounded up to a power of two; a few per core is plenty.
    public init(shardCount: Int = 32) {
        var count = 1
        while count < shardCount { count <<= 1 }
        shards = (0..<count).map { _ in Shard() }
    }

    /// Counts one answered request.
    public func record(method: HTTPMethod, route: String?, status: Int, seconds: Double) {
        let methodLabel = Self.knownMethods.contains(method.rawValue) ? method.rawValue : "OTHER"
        let routeLabel = route ?? Self.unmatchedRoute
        let key = SeriesKey(method: methodLabel, route: routeLabel, status: status)
        shards[Self.currentThreadSlot() & (shards.count - 1)].state.withLock { state in
            state.requests[key, default: 0] += 1
            state.durations[routeLabel, default: Histogram()].observe(seconds)
        }
    }

    /// Everything recorded so far, merged across shards.
    func merged() -> State {
        var total = State()
        for shard in shards {
            let state = shard.state.withLock { $0 }
            for (key, count) in state.requests { total.requests[key, default: 0] += count }
            for (route, histogram) in state.durations { total.durations[route, default: Histogram()].merge(histogram) }
        }
        return total
    }

    /// Requests counted for one series (for tests and diagnostics).
    public func requestCount(method: String, route: String, status: Int) -> Int {
        merged().requests[SeriesKey(method: method, route: route, status: status)] ?? 0
    }

    /// Appends `klipso_http_requests_total` and `klipso_http_request_duration_seconds`.
    public func render(into output: inout PrometheusText, prefix: String = "klipso") {
        let state = merged()
        let total = prefix + "_http_requests_total"
        output.family(total, help: "HTTP requests answered.", kind: .counter)
        let keys = state.requests.keys.sorted { ($0.route, $0.method, $0.status) < ($1.route, $1.method, $1.status) }
        for key in keys {
            output.sample(total, labels: [("method", key.method), ("route", key.route), ("status", String(key.status))],
                          state.requests[key] ?? 0)
        }
        let duration = prefix + "_http_request_duration_seconds"
        output.family(duration, help: "Time from a request's arrival to its response, queueing included.", kind: .histogram)
        for route in state.durations.keys.sorted() {
            guard let histogram = state.durations[route] else { continue }
            var cumulative = 0
            for (index, bound) in Self.durationBuckets.enumerated() {
                cumulative += histogram.bucketCounts[index]
                output.sample(duration + "_bucket", labels: [("route", route), ("le", PrometheusText.format(bound))], cumulative)
            }
            output.sample(duration + "_bucket", labels: [("route", route), ("le", "+Inf")], histogram.count)
            output.sample(duration + "_sum", labels: [("route", route)], histogram.sum)
            output.sample(duration + "_count", labels: [("route", route)], histogram.count)
        }
    }

    /// A small number identifying the calling thread, spread across shards.
    static func currentThreadSlot() -> Int {
        // pthread_t is the thread control block's address: mix it so aligned addresses
        // land on different shards.
        let raw = UInt64(UInt(bitPattern: Int(bitPattern: UInt(pthread_self()))))
        return Int(truncatingIfNeeded: (raw &* 0x9E37_79B9_7F4A_7C15) >> 40)
    }
}

/// Records every request in `HTTPMetrics`: method, route template, status and the time from
/// arrival (queueing included). Put it just inside `RequestIDMiddleware`, outside everything
/// that can answer early (CORS preflights, 429s, 401s), so those are counted too.
public struct MetricsMiddleware: Middleware {
    public let metrics: HTTPMetrics

    public init(metrics: HTTPMetrics) {
        self.metrics = metrics
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        let response = next(request, &context)
        let elapsed = (ContinuousClock.now - context.receivedAt).components
        let seconds = Double(elapsed.seconds) + Double(elapsed.attoseconds) / 1e18
        metrics.record(method: request.method, route: context.route, status: response.status.code, seconds: seconds)
        return response
    }
}
