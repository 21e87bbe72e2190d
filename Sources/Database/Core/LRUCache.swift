/// A small least-recently-used map, owned by one connection (not thread-safe).
///
/// Why it exists: both backends cache prepared statements per connection and must
/// bound how many stay open; evicted values are handed back so the owner can
/// finalize (SQLite) or deallocate (PostgreSQL) them.
struct LRUCache<Key: Hashable, Value> {
    private var entries: [Key: (value: Value, lastUse: UInt64)] = [:]
    private var clock: UInt64 = 0
    let capacity: Int

    init(capacity: Int) { self.capacity = max(1, capacity) }

    var count: Int { entries.count }

    mutating func get(_ key: Key) -> Value? {
        guard let entry = entries[key] else { return nil }
        clock &+= 1
        entries[key] = (entry.value, clock)
        return entry.value
    }

    /// Inserts `value`; returns the evicted value, if the cache was full.
    mutating func put(_ key: Key, _ value: Value) -> Value? {
        clock &+= 1
        var evicted: Value?
        if entries[key] == nil, entries.count >= capacity,
           let oldest = entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            evicted = oldest.value.value
            entries[oldest.key] = nil
        }
        entries[key] = (value, clock)
        return evicted
    }

    mutating func remove(_ key: Key) -> Value? { entries.removeValue(forKey: key)?.value }

    /// Empties the cache, returning every value for clean-up.
    mutating func removeAll() -> [Value] {
        let values = entries.values.map(\.value)
        entries = [:]
        return values
    }
}
