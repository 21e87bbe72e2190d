/// A min-heap of connection deadlines for one event loop.
///
/// Why a heap and not a timerfd per connection: one epoll_wait timeout (the
/// earliest deadline) serves every connection, with no extra descriptors or
/// syscalls. Entries are never removed early: a connection whose deadline
/// moved later keeps its old entry and is re-queued when that entry pops
/// (see `EventLoop.fireTimers`), so re-arming on every request costs nothing.
struct TimerHeap {
    struct Entry {
        var deadline: UInt64
        var token: ConnectionToken
    }

    private var entries: [Entry] = []

    var isEmpty: Bool { entries.isEmpty }
    var count: Int { entries.count }

    /// Drops entries matching `isStale` and restores the heap order (O(n)).
    mutating func removeAll(where isStale: (Entry) -> Bool) {
        entries.removeAll(where: isStale)
        guard entries.count > 1 else { return }
        for parent in stride(from: entries.count / 2 - 1, through: 0, by: -1) { siftDown(from: parent) }
    }
    var earliest: UInt64? { entries.first?.deadline }

    mutating func push(_ entry: Entry) {
        entries.append(entry)
        var child = entries.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entries[child].deadline < entries[parent].deadline else { break }
            entries.swapAt(child, parent)
            child = parent
        }
    }

    /// Removes and returns the earliest entry if it is due at `now`.
    mutating func popDue(now: UInt64) -> Entry? {
        guard let first = entries.first, first.deadline <= now else { return nil }
        let last = entries.removeLast()
        if entries.isEmpty { return first }
        entries[0] = last
        siftDown(from: 0)
        return first
    }

    private mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < entries.count && entries[left].deadline < entries[smallest].deadline { smallest = left }
            if right < entries.count && entries[right].deadline < entries[smallest].deadline { smallest = right }
            guard smallest != parent else { break }
            entries.swapAt(parent, smallest)
            parent = smallest
        }
    }
}

/// What epoll hands back for a connection: its slot in the loop's table plus
/// the slot's generation. A slot is reused after a close, so an event (or
/// timer, or late response) that carries an older generation belongs to a
/// connection that is gone and is ignored, even if the fd number was reused.
struct ConnectionToken: Hashable, Sendable {
    var slot: UInt32
    var generation: UInt32

    init(slot: UInt32, generation: UInt32) {
        self.slot = slot
        self.generation = generation
    }

    init(rawValue: UInt64) {
        slot = UInt32(truncatingIfNeeded: rawValue)
        generation = UInt32(truncatingIfNeeded: rawValue >> 32)
    }

    var rawValue: UInt64 { UInt64(generation) << 32 | UInt64(slot) }

    /// Tokens for the loop's own descriptors; generation 0 is never given to a connection.
    static let wakeUp = ConnectionToken(slot: .max, generation: 0)
    static let listener = ConnectionToken(slot: .max - 1, generation: 0)
}
