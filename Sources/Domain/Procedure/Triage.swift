/// The outcome of triage at the front office (procedure steps 2 and 3).
///
/// Why it exists: a visit is either sent to KLIPSO or refused for KLIPSO with a desk to go to
/// and a reason; an enum makes "refused without a desk" unrepresentable.
public enum TriageDecision: Sendable, Hashable {
    case routedToKlipso
    case refused(referredTo: ReferralDesk, reason: String)

    /// The contract's `decision` value.
    public var decision: VisitDecision {
        switch self {
        case .routedToKlipso: .routedToKlipso
        case .refused: .refused
        }
    }
}

/// Decides, from the purpose alone, whether KLIPSO serves a visit.
///
/// Why it exists: the regulation's annex says only people needing information or education on
/// registering online are directed to KLIPSO; everyone else is refused and sent to the right
/// desk. The table is the contract's; the wording of the reason is the office's (``OfficeProfile``).
public struct Triage: Sendable {
    public let profile: OfficeProfile

    public init(profile: OfficeProfile) {
        self.profile = profile
    }

    public func decide(_ purpose: VisitPurpose) -> TriageDecision {
        guard let desk = Self.referral(for: purpose) else { return .routedToKlipso }
        return .refused(referredTo: desk, reason: profile.refusalReason(for: purpose, referredTo: desk))
    }

    /// The desk a purpose is referred to, or nil when it is routed to KLIPSO.
    public static func referral(for purpose: VisitPurpose) -> ReferralDesk? {
        switch purpose {
        case .onlineRegistrationInformation, .onlineRegistrationEducation, .onlineRegistrationAssistance: nil
        case .applicationSubmission, .commitmentFulfilment, .statusInquiry, .other: .frontOfficeCounter
        case .complaint: .complaintsDesk
        }
    }
}
