/// The capacity in which someone heads the office, recorded on every decree they sign.
///
/// Acting heads do sign decrees (the seed regulation itself went out under a *Plh.* and a
/// *Plt.*), so the capacity is part of the record rather than a reason to refuse.
public enum TenureCapacity: String, Sendable, Hashable, Codable, CaseIterable {
    /// The appointed Kepala Dinas.
    case definitive
    /// *Pelaksana Tugas*: acting head while the post is vacant.
    case plt
    /// *Pelaksana Harian*: daily acting head while the head is temporarily absent.
    case plh
}
