import Domain
import Storage
import Web

/// The wire form of staff accounts and the parsing of `StaffCreate` / `StaffPatch`.
enum StaffPayloads {
    static let fields: Set<String> = ["nip", "name", "username", "roles", "is_active", "password"]
    static let passwordLength = 12...1024

    /// A `Staff` object; never the password or its hash.
    static func write(_ record: StaffRecord, _ services: APIServices, to writer: inout JSONWriter) {
        let staff = record.staff
        writer.beginObject()
        writer.field("id", staff.id.rawValue)
        writer.field("nip", staff.nip?.digits)
        writer.field("name", staff.name)
        writer.field("username", staff.username.text)
        writer.field("roles", strings: staff.roles.sorted().map(\.rawValue))
        writer.field("is_active", staff.isActive)
        writer.field("version", staff.version)
        writer.field("created_at", services.timestamps.format(record.createdAt))
        writer.field("updated_at", services.timestamps.format(record.updatedAt))
        writer.endObject()
    }

    /// The non-personal fields audit events keep (no name, NIP or username).
    static func auditFields(_ staff: Staff) -> [String: String] {
        ["roles": staff.roles.sorted().map(\.rawValue).joined(separator: ","),
         "is_active": String(staff.isActive), "version": String(staff.version)]
    }

    static func checkPassword(_ password: String?, into body: inout BodyReader) {
        guard let password else { return }
        if !passwordLength.contains(password.count) {
            body.fail("password", "must be 12 to 1024 characters")
        }
    }
}

/// A validated `StaffPatch`: nil members do not change.
struct StaffChanges {
    var nip: PatchValue<NIP> = .absent
    var name: String?
    var username: Username?
    var roles: Set<Role>?
    var isActive: Bool?
    var password: String?

    init(_ body: inout BodyReader, today: LocalDate) {
        switch body.nullableString("nip") {
        case .absent: break
        case .null: nip = .null
        case .value(let text):
            if let parsed = body.collect({ () throws(ValidationError) in try NIP(text, today: today) }) { nip = .value(parsed) }
        }
        if let text = body.string("name", required: false) {
            name = body.collect { () throws(ValidationError) in
                try BoundedText.validate(text, field: "name", maxLength: Staff.maxNameLength)
            }
        }
        if let text = body.string("username", required: false) {
            username = body.collect { () throws(ValidationError) in try Username(text) }
        }
        if let names = body.stringArray("roles") {
            roles = body.collect { () throws(ValidationError) in try Role.parse(names) }
        }
        isActive = body.bool("is_active")
        password = body.string("password", required: false)
        StaffPayloads.checkPassword(password, into: &body)
        if body.members.isEmpty { body.fail("$", "at least one field must be given") }
    }

    func applied(to staff: Staff) -> Staff {
        var changed = staff
        switch nip {
        case .absent: break
        case .null: changed.nip = nil
        case .value(let value): changed.nip = value
        }
        if let name { changed.name = name }
        if let username { changed.username = username }
        if let roles { changed.roles = roles }
        if let isActive { changed.isActive = isActive }
        return changed
    }
}
