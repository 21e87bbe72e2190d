import Domain
import Foundation

/// One stored entry of the audit trail, as read back (including its place in the hash chain).
///
/// Why it exists: `GET /v1/audit-events` and `klipso audit verify` need every stored column;
/// `AuditSummary` is only what a domain operation reports.
public struct AuditEvent: Sendable, Hashable, Identifiable {
    /// Position in the chain: 1, 2, 3, … with no gaps.
    public let seq: Int64
    public let id: AuditEventID
    public let occurredAt: Date
    public let actor: AuditActor
    public let action: AuditAction
    public let resourceType: String
    public let resourceID: String
    public let requestID: String?
    public let before: [String: String]?
    public let after: [String: String]?
    /// The previous event's `hash` (64 zeros for the first event).
    public let previousHash: String
    /// SHA-256 over `previousHash` and the canonical bytes of this event (see ``AuditChain``).
    public let hash: String
}

/// Filters of `GET /v1/audit-events`; nil members do not filter.
public struct AuditEventFilter: Sendable, Hashable {
    public var actorID: String?
    public var resourceType: String?
    public var resourceID: String?
    public var action: AuditAction?
    /// Events that occurred at or after this instant.
    public var from: Date?
    /// Events that occurred before this instant (exclusive, so adjacent ranges do not overlap).
    public var to: Date?

    public init(actorID: String? = nil, resourceType: String? = nil, resourceID: String? = nil,
                action: AuditAction? = nil, from: Date? = nil, to: Date? = nil) {
        self.actorID = actorID
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.action = action
        self.from = from
        self.to = to
    }
}
