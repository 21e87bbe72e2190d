/// The names and settings that make one office's KLIPSO its own: office and regency names,
/// time zone, queue-number prefix, what its referral desks are called and the sentence a
/// refused applicant reads.
///
/// Why it exists: the regulation asks that the system be replicable (art. 7 e) — another
/// regency must run it with its own names and settings — so no code path names a regency;
/// everything office-specific is read from here. ``default`` is the one place holding the
/// defaults (DPMPTSP of Ogan Komering Ulu, WIB, prefix `K`).
public struct OfficeProfile: Sendable, Hashable {
    public var officeName: String
    public var regency: String
    public var timeZone: OfficeTimeZone
    /// Letters before the dash of a queue number (`K` in `K-001`).
    public let queuePrefix: String
    /// What each referral desk is called in this office, as shown to people.
    public var deskLabels: [ReferralDesk: String]
    /// Refusal sentences that replace the generated ones, per purpose.
    public var refusalReasons: [VisitPurpose: String]

    /// Validates the queue prefix: 1 to 8 ASCII capital letters.
    public init(officeName: String, regency: String, timeZone: OfficeTimeZone, queuePrefix: String = "K",
                deskLabels: [ReferralDesk: String] = OfficeProfile.defaultDeskLabels,
                refusalReasons: [VisitPurpose: String] = [:]) throws(ValidationError) {
        guard (1...8).contains(queuePrefix.utf8.count),
              queuePrefix.utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else {
            throw ValidationError(field: "queue_prefix", code: "queue_prefix.format",
                                  message: "must be 1 to 8 capital letters A-Z")
        }
        self.officeName = officeName
        self.regency = regency
        self.timeZone = timeZone
        self.queuePrefix = queuePrefix
        self.deskLabels = deskLabels
        self.refusalReasons = refusalReasons
    }

    public static let defaultDeskLabels: [ReferralDesk: String] = [
        .frontOfficeCounter: "front-office counter",
        .complaintsDesk: "complaints desk",
    ]

    /// The defaults: DPMPTSP of Ogan Komering Ulu (Perbup OKU 22/2021), `Asia/Jakarta`, prefix `K`.
    public static var `default`: OfficeProfile {
        // Cannot throw: the literal prefix is valid.
        try! OfficeProfile(officeName: "DPMPTSP Kabupaten Ogan Komering Ulu", regency: "Ogan Komering Ulu",
                           timeZone: .jakarta)
    }

    /// What `desk` is called here (its identifier with spaces when no label is configured).
    public func label(of desk: ReferralDesk) -> String {
        deskLabels[desk] ?? desk.rawValue.replacingUnderscores()
    }

    /// The sentence explaining why a visit for `purpose` is refused and where to go instead.
    public func refusalReason(for purpose: VisitPurpose, referredTo desk: ReferralDesk) -> String {
        if let configured = refusalReasons[purpose] { return configured }
        let need = purpose == .other ? "other matters are" : "\(purpose.rawValue.replacingUnderscores()) is"
        return "KLIPSO gives information, education and assistance for online registration only; "
            + "\(need) handled at the \(label(of: desk))."
    }
}

extension String {
    func replacingUnderscores() -> String {
        String(map { $0 == "_" ? " " : $0 })
    }
}
