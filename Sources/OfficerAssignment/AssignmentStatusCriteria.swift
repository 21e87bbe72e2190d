import Domain
import Foundation

/// The column conditions equivalent to "status is S at this moment", for storage queries.
///
/// Status is derived, never stored, so `GET /v1/assignments?status=active` cannot be a plain
/// equality in SQL. This turns a status and a moment into bounds on the stored columns
/// (`revoked_at`, `effective_from`, `effective_until`) that a store translates literally,
/// keeping the definition of each status in this module. Every non-nil member is one
/// condition; all of them must hold. `matches` is the reference semantics, tested against
/// `Assignment.status(at:in:)`.
public struct AssignmentStatusCriteria: Sendable, Hashable {
    /// `revoked_at IS NOT NULL AND revoked_at <= value`.
    public var revokedAtOrBefore: Date?
    /// `revoked_at IS NULL OR revoked_at > value`.
    public var notRevokedAsOf: Date?
    /// `effective_from > value`.
    public var effectiveFromAfter: LocalDate?
    /// `effective_from <= value`.
    public var effectiveFromOnOrBefore: LocalDate?
    /// `effective_until IS NULL OR effective_until >= value`.
    public var effectiveUntilOpenOrOnOrAfter: LocalDate?
    /// `effective_until IS NOT NULL AND effective_until < value`.
    public var effectiveUntilBefore: LocalDate?

    public init(status: AssignmentStatus, at moment: OfficeMoment) {
        switch status {
        case .revoked:
            revokedAtOrBefore = moment.instant
        case .scheduled:
            notRevokedAsOf = moment.instant
            effectiveFromAfter = moment.today
        case .active:
            notRevokedAsOf = moment.instant
            effectiveFromOnOrBefore = moment.today
            effectiveUntilOpenOrOnOrAfter = moment.today
        case .expired:
            notRevokedAsOf = moment.instant
            effectiveUntilBefore = moment.today
        }
    }

    /// Whether `assignment` satisfies every condition.
    public func matches(_ assignment: Assignment) -> Bool {
        let revokedAt = assignment.revokedAt
        if let bound = revokedAtOrBefore, !(revokedAt.map { $0 <= bound } ?? false) { return false }
        if let bound = notRevokedAsOf, !(revokedAt.map { $0 > bound } ?? true) { return false }
        if let bound = effectiveFromAfter, !(assignment.effectiveFrom > bound) { return false }
        if let bound = effectiveFromOnOrBefore, !(assignment.effectiveFrom <= bound) { return false }
        if let bound = effectiveUntilOpenOrOnOrAfter, !(assignment.effectiveUntil.map { $0 >= bound } ?? true) {
            return false
        }
        if let bound = effectiveUntilBefore, !(assignment.effectiveUntil.map { $0 < bound } ?? false) { return false }
        return true
    }
}
