/// Where a visit stands. `waiting` → `in_session` → `completed`; `waiting` → `cancelled` or
/// `no_show`; `refused` is final, as are `completed`, `cancelled` and `no_show`.
///
/// Why it exists: the transitions are the procedure; ``canMove(to:)`` is their single table.
public enum VisitStatus: String, ContractValue {
    case waiting
    case inSession = "in_session"
    case completed
    case cancelled
    case noShow = "no_show"
    case refused

    /// Whether the procedure allows going from this status to `next`.
    public func canMove(to next: VisitStatus) -> Bool {
        switch (self, next) {
        case (.waiting, .inSession), (.waiting, .cancelled), (.waiting, .noShow), (.inSession, .completed): true
        default: false
        }
    }

    /// No transition leaves this status.
    public var isFinal: Bool { VisitStatus.allCases.allSatisfy { !canMove(to: $0) } }
}

/// The triage decision as the contract names it.
public enum VisitDecision: String, ContractValue {
    case routedToKlipso = "routed_to_klipso"
    case refused
}
