/// Sex as encoded in a NIK (day + 40) and a NIP (digit 15).
///
/// Exists only because both national numbers encode it; the system never asks for it separately.
public enum Sex: String, Sendable, Hashable, Codable, CaseIterable {
    case male
    case female
}
