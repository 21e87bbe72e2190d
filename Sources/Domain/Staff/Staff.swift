/// A person who works at the office and may log in.
///
/// Staff is the one kind of person that acts in the system: front-office staff, reporting
/// staff, administrators, KLIPSO officers and the head of office are all `Staff`. What a
/// member may do comes from `roles` and, for appointing and serving, from the
/// `OfficerAssignment` module. `nip` is optional because the administrator account created
/// on first start belongs to no employee; the API may require it when creating accounts.
/// `version` increases with every change and backs `ETag`/`If-Match`.
public struct Staff: Sendable, Hashable, Identifiable {
    public static let maxNameLength = 200

    public let id: StaffID
    public var nip: NIP?
    public var name: String
    public var username: Username
    public var roles: Set<Role>
    public var isActive: Bool
    public var version: Int

    /// Assembles a staff member from already-validated parts (e.g. read back from storage).
    public init(id: StaffID, nip: NIP?, name: String, username: Username, roles: Set<Role>,
                isActive: Bool = true, version: Int = 1) {
        self.id = id
        self.nip = nip
        self.name = name
        self.username = username
        self.roles = roles
        self.isActive = isActive
        self.version = version
    }

    /// Validates client input for a new staff member, reporting every bad field at once.
    public static func validated(id: StaffID, nip nipText: String?, name: String, username: String,
                                 roles roleNames: [String], today: LocalDate) throws(ValidationError) -> Staff {
        var problems = ValidationError()
        let nip = nipText.flatMap { text in problems.collect { () throws(ValidationError) in try NIP(text, today: today) } }
        let name = problems.collect { () throws(ValidationError) in
            try BoundedText.validate(name, field: "name", maxLength: maxNameLength)
        }
        let username = problems.collect { () throws(ValidationError) in try Username(username) }
        let roles = problems.collect { () throws(ValidationError) in try Role.parse(roleNames) }
        try problems.throwIfAny()
        guard let name, let username, let roles else { preconditionFailure("staff fields checked above") }
        return Staff(id: id, nip: nip, name: name, username: username, roles: roles)
    }

    public func hasRole(_ role: Role) -> Bool { roles.contains(role) }

    /// Active and holding `role`: the usual check for role-gated operations.
    public func mayAct(as role: Role) -> Bool { isActive && roles.contains(role) }
}
