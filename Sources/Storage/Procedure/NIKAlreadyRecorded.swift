import Domain

/// A NIK is already recorded for another applicant (409, with `conflicting_id`).
///
/// Why it exists: the contract answers a duplicate NIK with the id of the applicant who holds
/// it (when the caller may see it), which a plain ``StoreError`` conflict cannot carry.
/// `existingApplicantID` is nil only when a concurrent transaction won a race on the unique
/// constraint and the holder could not be read back in the failed transaction.
public struct NIKAlreadyRecorded: Error, Sendable, Hashable, CustomStringConvertible {
    public let existingApplicantID: ApplicantID?

    public init(existingApplicantID: ApplicantID?) {
        self.existingApplicantID = existingApplicantID
    }

    public var description: String {
        "NIK already recorded for applicant \(existingApplicantID?.rawValue ?? "(unknown)")"
    }
}
