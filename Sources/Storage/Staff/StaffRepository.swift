import Database
import Domain
import Foundation

/// Staff accounts in the `staff` table.
///
/// Why it exists: the only code that turns staff rows into `Staff` values and back. Unique
/// usernames and NIPs surface as ``StoreError`` conflicts naming the field (409); updates are
/// conditional on the version the client read (`If-Match`), so a lost update is impossible.
public struct StaffRepository {
    let connection: any SQLConnection
    static let listName = "staff"
    static let conflictFields = [("username", "username"), ("nip", "nip"), ("staff.id", "id"), ("staff_pkey", "id")]
    static let columns = "id, nip, name, username, roles, password_hash, is_active, version, created_at, updated_at"

    /// Stores a new account with `staff.version`; throws a `conflict` on `username`, `nip` or `id`.
    public func insert(_ staff: Staff, passwordHash: String?, at now: Date) throws {
        try mappingConflicts(Self.conflictFields) {
            try connection.execute("""
                INSERT INTO staff (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(staff.id.rawValue), .text(staff.nip?.digits), .text(staff.name), .text(staff.username.text),
                      .text(SortedList.encode(staff.roles.map(\.rawValue))), .text(passwordHash), .bool(staff.isActive),
                      .integer(Int64(staff.version)), .instant(now), .instant(now)])
        }
    }

    public func get(id: StaffID) throws -> StaffRecord? {
        try connection.queryFirst("SELECT \(Self.columns) FROM staff WHERE id = ?", [.text(id.rawValue)]).map(Self.decode)
    }

    public func get(username: Username) throws -> StaffRecord? {
        try connection.queryFirst("SELECT \(Self.columns) FROM staff WHERE username = ?", [.text(username.text)])
            .map(Self.decode)
    }

    /// Replaces the account's fields if its stored version is `expectedVersion`, bumping the
    /// version; `newPasswordHash` nil keeps the password. Returns the stored record, or nil when
    /// the account does not exist or its version differs (412/409). Unique clashes throw `conflict`.
    public func update(_ staff: Staff, newPasswordHash: String? = nil, expectedVersion: Int,
                       at now: Date) throws -> StaffRecord? {
        let changed = try mappingConflicts(Self.conflictFields) {
            try connection.execute("""
                UPDATE staff SET nip = ?, name = ?, username = ?, roles = ?,
                    password_hash = COALESCE(?, password_hash), is_active = ?, version = ?, updated_at = ?
                WHERE id = ? AND version = ?
                """, [.text(staff.nip?.digits), .text(staff.name), .text(staff.username.text),
                      .text(SortedList.encode(staff.roles.map(\.rawValue))), .text(newPasswordHash),
                      .bool(staff.isActive), .integer(Int64(expectedVersion + 1)), .instant(now),
                      .text(staff.id.rawValue), .integer(Int64(expectedVersion))])
        }
        guard changed == 1 else { return nil }
        return try get(id: staff.id)
    }

    /// Accounts in id order (creation order), `page.limit` at a time.
    public func list(_ page: PageRequest) throws -> Page<StaffRecord> {
        let after = try PageCursor.decode(page.cursor, list: Self.listName)
        var query = SQLQuery("SELECT \(Self.columns) FROM staff")
        if let after { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        let rows = try query.run(on: connection)
        return PageCursor.page(try rows.map(Self.decode), limit: page.limit, list: Self.listName) {
            $0.staff.id.rawValue
        }
    }

    /// The number of accounts; zero means first start (bootstrap the administrator).
    public func count() throws -> Int {
        Int(try connection.queryFirst("SELECT COUNT(*) AS n FROM staff")?.int("n") ?? 0)
    }

    /// Any date after every possible NIP: a stored NIP was validated when written, so it is
    /// re-parsed only for its structure, not against the current day.
    private static let farFuture = LocalDate(year: 9999, month: 12, day: 31)!

    static func decode(_ row: SQLRow) throws -> StaffRecord {
        let nip = try row.optionalParsed("nip") { try NIP($0, today: farFuture) }
        let username = try row.parsed("username") { try Username($0) }
        let roles = try row.parsed("roles") { try Role.parse(SortedList.decode($0)) }
        let staff = Staff(id: StaffID(rawValue: try row.string("id")), nip: nip, name: try row.string("name"),
                          username: username, roles: roles, isActive: try row.bool("is_active"),
                          version: try row.intValue("version"))
        return StaffRecord(staff: staff, passwordHash: try row.optionalString("password_hash"),
                           createdAt: try row.instant("created_at"), updatedAt: try row.instant("updated_at"))
    }
}
