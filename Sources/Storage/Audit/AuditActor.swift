import Domain

/// Who caused an audited change: a staff member, an integration's API key, or the system.
///
/// Why it exists: the audit trail must name the authenticated principal of every change
/// (accountability), and not every principal is staff. Stored as `actor_kind` + `actor_id`
/// (`actor_id` NULL for the system).
public struct AuditActor: Sendable, Hashable, CustomStringConvertible {
    /// A string-backed kind so later principals can be added without breaking switches.
    public struct Kind: RawRepresentable, Sendable, Hashable {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }

        public static let staff = Kind(rawValue: "staff")
        public static let apiKey = Kind(rawValue: "api_key")
        public static let system = Kind(rawValue: "system")
    }

    public let kind: Kind
    /// The staff or API key id; nil for the system.
    public let id: String?

    public init(kind: Kind, id: String?) {
        self.kind = kind
        self.id = id
    }

    public static func staff(_ id: StaffID) -> AuditActor { AuditActor(kind: .staff, id: id.rawValue) }
    public static func apiKey(_ id: APIKeyID) -> AuditActor { AuditActor(kind: .apiKey, id: id.rawValue) }
    /// The server itself (first-start bootstrap, housekeeping).
    public static let system = AuditActor(kind: .system, id: nil)

    public var description: String { id.map { "\(kind.rawValue):\($0)" } ?? kind.rawValue }
}
