import Domain
import Foundation

/// One webhook-worthy change, as stored in the `events` outbox.
///
/// Why it exists: deliveries must survive restarts and must only exist for changes that
/// committed, so the event is a row written in the change's own transaction; the delivery
/// worker reads it later. `data` is the JSON object sent as the delivery's `data` member:
/// ids and states only, never a name, NIK, phone or address.
public struct OutboxEvent: Sendable, Hashable {
    /// The audit event's sequence number: increasing, committed in order.
    public let seq: Int64
    public let id: String
    /// One of ``WebhookEventTypes/all``.
    public let type: String
    public let resourceType: String
    public let resourceID: String
    public let createdAt: Date
    /// A JSON object of strings and nulls.
    public let dataJSON: String

    public init(seq: Int64, id: String, type: String, resourceType: String, resourceID: String, createdAt: Date,
                dataJSON: String) {
        self.seq = seq
        self.id = id
        self.type = type
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.createdAt = createdAt
        self.dataJSON = dataJSON
    }
}

/// One change to a routed visit, for `GET /v1/queue/events`.
///
/// Why it exists: live-queue subscribers on any instance must see every change, and a client
/// that reconnects must be able to catch up, so changes are rows (not in-memory signals),
/// read back in `seq` order.
public struct QueueEvent: Sendable, Hashable {
    public let seq: Int64
    public let visitID: String
    public let queueNumber: String?
    public let status: String
    /// The visit's office-local day (replays are limited to today's).
    public let visitDate: LocalDate
    public let createdAt: Date

    public init(seq: Int64, visitID: String, queueNumber: String?, status: String, visitDate: LocalDate, createdAt: Date) {
        self.seq = seq
        self.visitID = visitID
        self.queueNumber = queueNumber
        self.status = status
        self.visitDate = visitDate
        self.createdAt = createdAt
    }
}

/// The event types webhooks can subscribe to, as the contract lists them.
public enum WebhookEventTypes {
    public static let all: [String] = [
        "visit.routed", "visit.refused", "visit.cancelled", "visit.no_show",
        "session.started", "session.completed", "assignment.created", "assignment.revoked",
    ]
}

/// A flat JSON object of strings and nulls with its members in the given order.
enum FlatJSON {
    static func encode(_ members: [(String, String?)]) -> String {
        "{" + members.map { key, value in quoted(key) + ":" + (value.map(quoted) ?? "null") }.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }
}
