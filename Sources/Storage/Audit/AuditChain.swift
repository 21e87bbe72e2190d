import Cryptography

/// The audit trail's hash chain: the canonical bytes of an event and how its hash is made.
///
/// Why it exists: an audit event "cannot be silently rewritten" only if anyone can recompute
/// every hash from the stored columns. This is the specification:
///
///     hash = lowercase hex of SHA-256( ASCII(prev_hash) ‖ canonical(event) )
///
/// `canonical(event)` is the ASCII line `klipso-audit-v1` followed by one line per stored
/// column except `hash`, in this order: `seq`, `id`, `occurred_at`, `actor_id`,
/// `actor_kind`, `action`, `resource_type`, `resource_id`, `request_id`, `summary_before`,
/// `summary_after`, `prev_hash`. Each line is `<name>=` then `-` for NULL or
/// `<UTF-8 byte count in decimal>:<UTF-8 bytes>`, then `\n`. Integers are written in decimal.
/// The length prefixes make the encoding unambiguous whatever the values contain. The
/// summaries are the stored JSON text itself (written with sorted keys by ``SummaryJSON``).
/// The first event's `prev_hash` is ``genesisHash`` (64 zeros).
public enum AuditChain {
    public static let genesisHash = String(repeating: "0", count: 64)
    static let formatLine = "klipso-audit-v1\n"

    /// The stored columns of one event, as text, in canonical order.
    struct Columns: Equatable {
        var seq: Int64
        var id: String
        var occurredAt: Int64
        var actorID: String?
        var actorKind: String
        var action: String
        var resourceType: String
        var resourceID: String
        var requestID: String?
        var summaryBefore: String?
        var summaryAfter: String?
        var previousHash: String
    }

    static func canonicalBytes(_ columns: Columns) -> [UInt8] {
        var bytes = Array(formatLine.utf8)
        func line(_ name: String, _ value: String?) {
            bytes += Array(name.utf8)
            bytes.append(UInt8(ascii: "="))
            if let value {
                let utf8 = Array(value.utf8)
                bytes += Array("\(utf8.count):".utf8)
                bytes += utf8
            } else {
                bytes.append(UInt8(ascii: "-"))
            }
            bytes.append(UInt8(ascii: "\n"))
        }
        line("seq", String(columns.seq))
        line("id", columns.id)
        line("occurred_at", String(columns.occurredAt))
        line("actor_id", columns.actorID)
        line("actor_kind", columns.actorKind)
        line("action", columns.action)
        line("resource_type", columns.resourceType)
        line("resource_id", columns.resourceID)
        line("request_id", columns.requestID)
        line("summary_before", columns.summaryBefore)
        line("summary_after", columns.summaryAfter)
        line("prev_hash", columns.previousHash)
        return bytes
    }

    static func hash(_ columns: Columns) -> String {
        SHA256.hexDigest(Array(columns.previousHash.utf8) + canonicalBytes(columns))
    }
}
