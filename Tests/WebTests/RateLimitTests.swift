import HTTPCore
import Synchronization
import Testing
@testable import Web

/// A monotonic clock the test moves by hand.
final class ManualNanoseconds: Sendable {
    private let value = Atomic<UInt64>(1_000_000_000)
    func advance(seconds: Double) { value.add(UInt64(seconds * 1e9), ordering: .relaxed) }
    var now: UInt64 { value.load(ordering: .relaxed) }
}

@Suite struct RateLimitTests {
    @Test func bucketAllowsBurstThenRefillsAtRate() {
        let clock = ManualNanoseconds()
        let limiter = TokenBucketLimiter(ratePerSecond: 2, burst: 3, now: { clock.now })
        #expect((0..<3).map { _ in limiter.acquire(7) } == [.allowed, .allowed, .allowed])
        guard case .refused(let wait) = limiter.acquire(7) else { Issue.record("fourth request allowed"); return }
        #expect(abs(wait - 0.5) < 0.001)
        #expect(limiter.acquire(8) == .allowed)  // other keys are independent
        clock.advance(seconds: 0.5)
        #expect(limiter.acquire(7) == .allowed)
        #expect(limiter.acquire(7) != .allowed)
        clock.advance(seconds: 100)  // refills to the burst, not beyond
        #expect((0..<4).map { _ in limiter.acquire(7) == .allowed } == [true, true, true, false])
    }

    @Test func memoryIsBoundedByForgettingRefilledBuckets() {
        let clock = ManualNanoseconds()
        let limiter = TokenBucketLimiter(ratePerSecond: 10, burst: 10, maximumKeys: 64, shardCount: 4, now: { clock.now })
        for key in 0..<10_000 {
            _ = limiter.acquire(key)
            if key % 100 == 0 { clock.advance(seconds: 2) }
        }
        #expect(limiter.trackedKeys <= 64)
    }

    func responder(_ policy: RateLimitMiddleware.Policy) -> RouterResponder {
        makeResponder { router in
            router.add(middleware: RateLimitMiddleware(policy: policy))
            router.get("/v1/staff") { _, _ in .text("ok") }
            router.get("/health", options: .inline) { _, _ in .text("ok") }
        }
    }

    func get(_ responder: RouterResponder, _ path: String, token: String? = nil, remote: String = "192.0.2.7") -> HTTPResponse? {
        var headers = HTTPHeaders()
        if let token { headers.add("Authorization", "Bearer \(token)") }
        return start(responder, makeRequest(.get, path, headers: headers, remote: remote))(5)
    }

    @Test func perCredentialLimitAnswers429WithRetryAfter() throws {
        let responder = responder(.init(requestsPerSecond: 0.5, burst: 3))
        defer { responder.shutdown() }
        let statuses = (0..<5).map { _ in get(responder, "/v1/staff", token: "token-a")?.status.code }
        #expect(statuses == [200, 200, 200, 429, 429])
        let refused = try #require(get(responder, "/v1/staff", token: "token-a"))
        #expect(refused.headers["Retry-After"] == "2")
        #expect(jsonObject(refused)?["type"] as? String == "https://klipso.test/problems/too-many-requests")
        // Another credential from the same address has its own bucket.
        #expect(get(responder, "/v1/staff", token: "token-b")?.status == .ok)
        // Probes are never limited.
        #expect((0..<10).allSatisfy { _ in get(responder, "/health", token: "token-a")?.status == .ok })
    }

    @Test func anonymousRequestsAreLimitedPerAddressAndLoopbackIsExemptByDefault() {
        let responder = responder(.init(requestsPerSecond: 0.5, burst: 2))
        defer { responder.shutdown() }
        #expect((0..<3).map { _ in get(responder, "/v1/staff")?.status.code } == [200, 200, 429])
        #expect(get(responder, "/v1/staff", remote: "198.51.100.1")?.status == .ok)
        #expect((0..<10).allSatisfy { _ in get(responder, "/v1/staff", token: "t", remote: "127.0.0.1")?.status == .ok })
        #expect((0..<10).allSatisfy { _ in get(responder, "/v1/staff", token: "t", remote: "::1")?.status == .ok })

        let strict = self.responder(.init(requestsPerSecond: 0.5, burst: 2, limitsLoopback: true))
        defer { strict.shutdown() }
        #expect((0..<3).map { _ in get(strict, "/v1/staff", remote: "127.0.0.1")?.status.code } == [200, 200, 429])
    }
}
