/// The median and 90th percentile of durations in whole seconds; both nil without samples.
///
/// Why it exists: reports give waiting and session times as nearest-rank percentiles, which
/// are always an observed value (no interpolation), so they are easy to check by hand.
public struct DurationStats: Sendable, Hashable {
    public let median: Int?
    public let p90: Int?

    public init(median: Int?, p90: Int?) {
        self.median = median
        self.p90 = p90
    }

    /// The statistics of `samples` (whole seconds, any order).
    public init(samples: [Int]) {
        let sorted = samples.sorted()
        median = Self.nearestRank(50, of: sorted)
        p90 = Self.nearestRank(90, of: sorted)
    }

    /// The nearest-rank `percent`-th percentile of ascending `sorted`: the value at rank
    /// ⌈percent × n / 100⌉ (1-based), nil when empty.
    public static func nearestRank(_ percent: Int, of sorted: [Int]) -> Int? {
        guard !sorted.isEmpty else { return nil }
        let rank = max(1, (percent * sorted.count + 99) / 100)
        return sorted[min(rank, sorted.count) - 1]
    }
}
