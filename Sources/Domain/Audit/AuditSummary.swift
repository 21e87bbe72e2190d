import Foundation

/// The name of something that happened, e.g. `assignment.created`.
///
/// A string-backed struct so each module can add its own actions in an extension.
public struct AuditAction: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
}

/// What a domain operation did, for the audit trail: who, what, to which resource, and a
/// before/after summary.
///
/// Domain services return one with every change; the caller persists it in the same
/// transaction as the change, so a change without its audit event cannot be committed
/// (accountability, art. 6 h). Summaries hold ids, states, dates and decree numbers only —
/// never names, NIKs, phone numbers, addresses or free-text reasons (UU 27/2022).
public struct AuditSummary: Sendable, Hashable {
    public let action: AuditAction
    public let resourceType: String
    public let resourceID: String
    /// The staff member who acted; nil for the system itself.
    public let actorID: StaffID?
    public let occurredAt: Date
    /// Selected non-personal fields before the change; nil on creation.
    public let before: [String: String]?
    /// Selected non-personal fields after the change.
    public let after: [String: String]?

    public init(action: AuditAction, resourceType: String, resourceID: String, actorID: StaffID?,
                occurredAt: Date, before: [String: String]?, after: [String: String]?) {
        self.action = action
        self.resourceType = resourceType
        self.resourceID = resourceID
        self.actorID = actorID
        self.occurredAt = occurredAt
        self.before = before
        self.after = after
    }
}

/// A changed value together with the audit summary the caller must persist with it.
public struct AuditedChange<Value: Sendable>: Sendable {
    public let value: Value
    public let audit: AuditSummary

    public init(value: Value, audit: AuditSummary) {
        self.value = value
        self.audit = audit
    }
}
