import Domain
import Foundation

/// The appointment of a staff member as KLIPSO officer (*Petugas Pelaksana KLIPSO*) by a
/// decree of the head of office (art. 5(2)).
///
/// An assignment records who signed it and in which capacity (definitive, Plt., Plh.), so the
/// decree can be accounted for later even after the signer's tenure ended. Its period is a
/// range of whole office-local days: `effectiveFrom` and `effectiveUntil` are both included
/// (an officer appointed "until 31 December" may serve all of 31 December, office time);
/// `effectiveUntil == nil` means until revoked. Revocation takes effect at the instant it is
/// recorded. Values are only created by `OfficerAssignmentService`; storage rebuilds them with
/// the memberwise initialiser.
public struct Assignment: Sendable, Hashable, Identifiable {
    public let id: AssignmentID
    public let officerID: StaffID
    public let decreeNumber: DecreeNumber
    public let decreeDate: LocalDate
    public let effectiveFrom: LocalDate
    public let effectiveUntil: LocalDate?
    /// The head of office who signed the decree.
    public let signedBy: StaffID
    /// The capacity in which the signer held office on the decree date.
    public let signedCapacity: TenureCapacity
    /// The tenure under which it was signed.
    public let signedUnderTenure: TenureID
    public let createdAt: Date
    public var revocation: Revocation?
    public var version: Int

    public init(id: AssignmentID, officerID: StaffID, decreeNumber: DecreeNumber, decreeDate: LocalDate,
                effectiveFrom: LocalDate, effectiveUntil: LocalDate?, signedBy: StaffID,
                signedCapacity: TenureCapacity, signedUnderTenure: TenureID, createdAt: Date,
                revocation: Revocation? = nil, version: Int = 1) {
        self.id = id
        self.officerID = officerID
        self.decreeNumber = decreeNumber
        self.decreeDate = decreeDate
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
        self.signedBy = signedBy
        self.signedCapacity = signedCapacity
        self.signedUnderTenure = signedUnderTenure
        self.createdAt = createdAt
        self.revocation = revocation
        self.version = version
    }

    public var revokedAt: Date? { revocation?.revokedAt }
    public var revokedBy: StaffID? { revocation?.revokedBy }
    public var revocationReason: String? { revocation?.reason }

    /// The status at `instant`, judging days in the office's `zone`.
    public func status(at instant: Date, in zone: OfficeTimeZone) -> AssignmentStatus {
        if let revocation, revocation.revokedAt <= instant { return .revoked }
        return status(on: zone.localDate(of: instant))
    }

    /// The status by dates alone on an office-local day, ignoring revocation.
    func status(on day: LocalDate) -> AssignmentStatus {
        if day < effectiveFrom { return .scheduled }
        if let effectiveUntil, day > effectiveUntil { return .expired }
        return .active
    }

    /// Whether the period shares a day with another (both ends inclusive, nil = open).
    func overlaps(from otherFrom: LocalDate, until otherUntil: LocalDate?) -> Bool {
        let thisStartsInTime = otherUntil.map { effectiveFrom <= $0 } ?? true
        let otherStartsInTime = effectiveUntil.map { otherFrom <= $0 } ?? true
        return thisStartsInTime && otherStartsInTime
    }

    /// The non-personal fields the audit trail keeps (no revocation reason: it is free text).
    func auditFields(status: AssignmentStatus) -> [String: String] {
        var fields = ["officer_id": officerID.rawValue, "decree_number": decreeNumber.text,
                      "decree_date": decreeDate.iso8601, "effective_from": effectiveFrom.iso8601,
                      "signed_by": signedBy.rawValue, "signed_capacity": signedCapacity.rawValue,
                      "status": status.rawValue, "version": String(version)]
        fields["effective_until"] = effectiveUntil?.iso8601
        fields["revoked_by"] = revocation?.revokedBy.rawValue
        return fields
    }
}

/// The record that an assignment was revoked: when, by which head, in which capacity, why.
public struct Revocation: Sendable, Hashable {
    public static let maxReasonLength = 1000

    public let revokedAt: Date
    public let revokedBy: StaffID
    public let revokedInCapacity: TenureCapacity
    /// Free text; may contain personal data, so it stays out of audit summaries and webhooks.
    public let reason: String

    public init(revokedAt: Date, revokedBy: StaffID, revokedInCapacity: TenureCapacity, reason: String) {
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
        self.revokedInCapacity = revokedInCapacity
        self.reason = reason
    }
}

/// What the head of office submits to appoint an officer; validated by the service.
public struct AppointmentRequest: Sendable, Hashable {
    public var officerID: StaffID
    public var decreeNumber: String
    public var decreeDate: LocalDate
    public var effectiveFrom: LocalDate
    public var effectiveUntil: LocalDate?

    public init(officerID: StaffID, decreeNumber: String, decreeDate: LocalDate,
                effectiveFrom: LocalDate, effectiveUntil: LocalDate? = nil) {
        self.officerID = officerID
        self.decreeNumber = decreeNumber
        self.decreeDate = decreeDate
        self.effectiveFrom = effectiveFrom
        self.effectiveUntil = effectiveUntil
    }
}
