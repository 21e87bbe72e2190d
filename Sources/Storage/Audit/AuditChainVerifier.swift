import Database
import Domain

/// The outcome of walking the audit hash chain.
public enum AuditChainVerification: Sendable, Hashable, CustomStringConvertible {
    /// Every event up to the chain head verified; `count` events.
    case intact(count: Int)
    /// The first event whose chain is broken, and why. `eventID` is nil when the event at
    /// `atSeq` is missing altogether (a truncated tail).
    case broken(atSeq: Int64, eventID: AuditEventID?, reason: AuditChainBreak)

    public var isIntact: Bool {
        if case .intact = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .intact(let count): "audit chain intact: \(count) events"
        case .broken(let seq, let id, let reason): "audit chain broken at seq \(seq) (event \(id?.rawValue ?? "missing")): \(reason)"
        }
    }
}

/// Why verification stopped.
public enum AuditChainBreak: Sendable, Hashable, CustomStringConvertible {
    /// The stored hash is not the hash of the stored columns: the row (or its hash) was edited.
    case contentChanged
    /// `prev_hash` is not the previous event's hash: events were reordered, replaced, or
    /// edited and re-hashed.
    case previousHashMismatch
    /// Sequence numbers jump: the events from `missingFrom` up to this one were deleted.
    case missingEvents(missingFrom: Int64)
    /// The chain ends before, or differs from, the chain head: the newest events were deleted
    /// or the head was tampered with.
    case headMismatch(headSeq: Int64)

    public var description: String {
        switch self {
        case .contentChanged: "the stored hash does not match the event's content (edited)"
        case .previousHashMismatch: "prev_hash does not match the previous event's hash (reordered or replaced)"
        case .missingEvents(let from): "events from seq \(from) are missing (deleted)"
        case .headMismatch(let head): "the chain does not reach the chain head at seq \(head) (truncated)"
        }
    }
}

extension AuditLog {
    /// Walks the whole chain in `seq` order, `pageSize` events at a time (bounded memory), up to
    /// the chain head as it was when the walk began (later appends are not judged), and
    /// reports the first break. Appends may continue meanwhile.
    public static func verify(_ store: KlipsoStore, pageSize: Int = 500) throws -> AuditChainVerification {
        let head = try store.read { reader -> (seq: Int64, hash: String) in
            guard let row = try reader.connection.queryFirst("SELECT last_seq, last_hash FROM audit_chain_head WHERE id = 1") else {
                throw StoreError(.corruptData, "the audit chain head row is missing")
            }
            return (try row.int("last_seq"), try row.string("last_hash"))
        }
        var expectedSeq: Int64 = 1
        var previousHash = AuditChain.genesisHash
        while expectedSeq <= head.seq {
            let afterSeq = expectedSeq - 1
            let rows = try store.read { reader in
                try reader.connection.query("""
                    SELECT \(columns) FROM audit_events WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?
                    """, [.integer(afterSeq), .integer(head.seq), .integer(Int64(max(1, pageSize)))])
            }
            if rows.isEmpty { break }
            for row in rows {
                let stored = try columns(row)
                let storedHash = try row.string("hash")
                let eventID = AuditEventID(rawValue: stored.id)
                if stored.seq != expectedSeq {
                    return .broken(atSeq: stored.seq, eventID: eventID, reason: .missingEvents(missingFrom: expectedSeq))
                }
                if stored.previousHash != previousHash {
                    return .broken(atSeq: stored.seq, eventID: eventID, reason: .previousHashMismatch)
                }
                if AuditChain.hash(stored) != storedHash {
                    return .broken(atSeq: stored.seq, eventID: eventID, reason: .contentChanged)
                }
                previousHash = storedHash
                expectedSeq += 1
            }
        }
        if expectedSeq - 1 != head.seq || previousHash != head.hash {
            return .broken(atSeq: expectedSeq, eventID: nil, reason: .headMismatch(headSeq: head.seq))
        }
        return .intact(count: Int(head.seq))
    }
}
