/// A permission a staff account holds explicitly.
///
/// Deliberately short: being head of office follows from the current tenure and serving
/// sessions from an active assignment (both decided in `OfficerAssignment`), never from a
/// role flag an administrator could set.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Manages staff accounts, API clients and the head-of-office tenure record.
    case admin
    /// Records arrivals and their triage at the front office.
    case frontOffice = "front_office"
    /// Bidang Pengaduan, Kebijakan dan Pelaporan Layanan: reads reports and the audit trail.
    case reporting

    public static func < (lhs: Role, rhs: Role) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Parses role names from the API, reporting unknown names as field errors.
    public static func parse(_ names: [String], field: String = "roles") throws(ValidationError) -> Set<Role> {
        var roles = Set<Role>()
        var problems = ValidationError()
        for name in names {
            if let role = Role(rawValue: name) {
                roles.insert(role)
            } else {
                problems.add(field: field, code: "\(field).unknown",
                             message: "unknown role; allowed: admin, front_office, reporting")
            }
        }
        try problems.throwIfAny()
        return roles
    }
}
