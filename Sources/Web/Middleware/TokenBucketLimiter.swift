import Synchronization

/// Token buckets keyed by an integer, in memory, sharded so that requests for different
/// keys rarely touch the same lock.
///
/// Exists for per-credential request limits: each key may spend `burst` requests at once
/// and regains `ratePerSecond` per second. State is per process (instances behind a load
/// balancer each allow the full rate); that is enough for a limit meant to stop a runaway
/// client, not to meter usage. Memory is bounded: a shard that grows past its cap forgets
/// buckets that have refilled completely (they are indistinguishable from new ones).
public final class TokenBucketLimiter: Sendable {
    /// What `acquire` decided.
    public enum Decision: Sendable, Equatable {
        case allowed
        /// Refused; a token will be available after this many seconds.
        case refused(retryAfterSeconds: Double)
    }

    private struct Bucket {
        var tokens: Double
        var updatedAt: UInt64
    }

    private let ratePerNanosecond: Double
    private let burst: Double
    private let refillNanoseconds: UInt64
    private let maximumKeysPerShard: Int
    private final class Shard: Sendable {
        let buckets = Mutex<[Int: Bucket]>([:])
    }

    private let shards: [Shard]
    private let now: @Sendable () -> UInt64

    /// - Parameters:
    ///   - now: monotonic nanoseconds; tests inject a manual clock.
    public init(ratePerSecond: Double, burst: Int, maximumKeys: Int = 65_536, shardCount: Int = 16,
                now: @escaping @Sendable () -> UInt64 = TokenBucketLimiter.monotonicNanoseconds) {
        let rate = max(ratePerSecond, 0.000_001)
        ratePerNanosecond = rate / 1_000_000_000
        self.burst = Double(max(1, burst))
        refillNanoseconds = UInt64(min(Double(max(1, burst)) / rate * 1_000_000_000, Double(UInt64.max / 2)))
        let shardCount = max(1, shardCount)
        maximumKeysPerShard = max(16, maximumKeys / shardCount)
        shards = (0..<shardCount).map { _ in Shard() }
        self.now = now
    }

    /// Takes one token from `key`'s bucket if it has one.
    public func acquire(_ key: Int) -> Decision {
        let instant = now()
        let shard = shards[Int(UInt(bitPattern: key) % UInt(shards.count))]
        return shard.buckets.withLock { buckets in
            var bucket = buckets[key] ?? Bucket(tokens: burst, updatedAt: instant)
            let elapsed = instant >= bucket.updatedAt ? instant - bucket.updatedAt : 0
            bucket.tokens = min(burst, bucket.tokens + Double(elapsed) * ratePerNanosecond)
            bucket.updatedAt = instant
            let decision: Decision
            if bucket.tokens >= 1 {
                bucket.tokens -= 1
                decision = .allowed
            } else {
                decision = .refused(retryAfterSeconds: (1 - bucket.tokens) / ratePerNanosecond / 1_000_000_000)
            }
            if buckets[key] == nil, buckets.count >= maximumKeysPerShard { forgetRefilled(&buckets, at: instant) }
            buckets[key] = bucket
            return decision
        }
    }

    /// Buckets currently remembered (for tests).
    public var trackedKeys: Int { shards.reduce(0) { total, shard in total + shard.buckets.withLock { $0.count } } }

    private func forgetRefilled(_ buckets: inout [Int: Bucket], at instant: UInt64) {
        buckets = buckets.filter { instant < $0.value.updatedAt || instant - $0.value.updatedAt < refillNanoseconds }
        // Still full of active keys (a flood of distinct credentials): start the shard afresh
        // rather than grow without bound; those keys get a full burst again.
        if buckets.count >= maximumKeysPerShard { buckets.removeAll(keepingCapacity: true) }
    }

    /// Nanoseconds on the monotonic clock.
    @Sendable public static func monotonicNanoseconds() -> UInt64 {
        let start = baseline  // initialised before reading the clock, so the difference is never negative
        let components = (ContinuousClock.now - start).components
        return UInt64(max(0, components.seconds)) * 1_000_000_000 + UInt64(max(0, components.attoseconds / 1_000_000_000))
    }

    private static let baseline = ContinuousClock.now
}
