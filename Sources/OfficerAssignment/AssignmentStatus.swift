/// Where an assignment stands at a given moment; always derived, never stored.
///
/// Deriving it from the dates, the revocation and the moment asked about means an
/// assignment expires at the end of its last day without any background job, and the status
/// shown by the API can never disagree with what `proveServing` decides.
public enum AssignmentStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The office-local day is before `effectiveFrom`.
    case scheduled
    /// Within `effectiveFrom…effectiveUntil` (both whole days included) and not revoked.
    case active
    /// The office-local day is after `effectiveUntil`.
    case expired
    /// Revoked at or before the moment asked about; takes precedence over the dates.
    case revoked
}
