import Cryptography
import Database
import Domain
import Foundation

/// Applicants in the `applicants` table, their NIK encrypted.
///
/// Why it exists: the only code that turns applicant rows into ``Applicant`` values and back,
/// and so the only code that sees a NIK in clear on its way to or from the database. A NIK is
/// unique across applicants: a duplicate throws ``NIKAlreadyRecorded`` naming the holder.
/// Updates are conditional on the version the client read (`If-Match`).
public struct ApplicantRepository {
    let connection: any SQLConnection
    let keys: PersonalDataKeys
    static let listName = "applicants"
    static let columns = """
        id, kind, name, name_folded, nik_ciphertext, nik_lookup, nik_last4, phone, email, business_name, nib, address, \
        version, updated_at, created_at
        """

    /// Stores a new applicant; throws ``NIKAlreadyRecorded`` when its NIK is taken.
    public func insert(_ applicant: Applicant) throws {
        let sealed = applicant.nik.map { SealedNIK($0, applicantID: applicant.id, keys: keys) }
        // ON CONFLICT DO NOTHING waits for a concurrent inserter of the same NIK and then
        // reports 0 rows, so the holder can be read back in this same transaction.
        let inserted = try mappingConflicts([("applicants_pkey", "id"), ("applicants.id", "id")]) {
            try connection.execute("""
                INSERT INTO applicants (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (nik_lookup) DO NOTHING
                """, [.text(applicant.id.rawValue)] + Self.values(applicant, sealed) + [.instant(applicant.createdAt)])
        }
        if inserted == 0, let sealed {
            throw NIKAlreadyRecorded(existingApplicantID: try holder(ofLookup: sealed.lookup))
        }
    }

    public func get(id: ApplicantID) throws -> Applicant? {
        try connection.queryFirst("SELECT \(Self.columns) FROM applicants WHERE id = ?", [.text(id.rawValue)])
            .map(decode)
    }

    /// The applicant holding `nik`, found through its lookup hash.
    public func find(nik: NIK) throws -> Applicant? {
        try connection.queryFirst("SELECT \(Self.columns) FROM applicants WHERE nik_lookup = ?",
                                  [.text(SealedNIK.lookup(nik, keys: keys))]).map(decode)
    }

    /// Replaces the applicant's fields if its stored version is `expectedVersion` (the new
    /// value's `version` is stored as is). Returns false when it does not exist or the version
    /// differs; throws ``NIKAlreadyRecorded`` when the new NIK belongs to someone else.
    public func update(_ applicant: Applicant, expectedVersion: Int) throws -> Bool {
        let sealed = applicant.nik.map { SealedNIK($0, applicantID: applicant.id, keys: keys) }
        if let sealed, let holder = try holder(ofLookup: sealed.lookup), holder != applicant.id {
            throw NIKAlreadyRecorded(existingApplicantID: holder)
        }
        do {
            return try connection.execute("""
                UPDATE applicants SET kind = ?, name = ?, name_folded = ?, nik_ciphertext = ?, nik_lookup = ?, nik_last4 = ?,
                    phone = ?, email = ?, business_name = ?, nib = ?, address = ?, version = ?, updated_at = ?
                WHERE id = ? AND version = ?
                """, Self.values(applicant, sealed) + [.text(applicant.id.rawValue), .integer(Int64(expectedVersion))]) == 1
        } catch let error as DatabaseError where error.kind == .uniqueViolation {
            throw NIKAlreadyRecorded(existingApplicantID: nil)
        }
    }

    /// Applicants in id (creation) order, optionally only the one with `nik` and/or those whose
    /// name or business name contains `nameContains` (case-insensitive; the business
    /// name is folded by the database's `LOWER`, ASCII-only on SQLite).
    public func list(nik: NIK? = nil, nameContains: String? = nil, _ page: PageRequest) throws -> Page<Applicant> {
        var query = SQLQuery("SELECT \(Self.columns) FROM applicants")
        if let nik { query.where("nik_lookup = ?", .text(SealedNIK.lookup(nik, keys: keys))) }
        if let nameContains, !nameContains.isEmpty {
            let pattern = SQLValue.text("%" + Self.escapeLike(nameContains.lowercased()) + "%")
            query.where("(name_folded LIKE ? ESCAPE '!' OR LOWER(business_name) LIKE ? ESCAPE '!')", pattern, pattern)
        }
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(decode), limit: page.limit, list: Self.listName) {
            $0.id.rawValue
        }
    }

    private func holder(ofLookup lookup: String) throws -> ApplicantID? {
        try connection.queryFirst("SELECT id FROM applicants WHERE nik_lookup = ?", [.text(lookup)])
            .map { ApplicantID(rawValue: try $0.string("id")) }
    }

    /// `%`, `_` and the escape character itself match literally.
    static func escapeLike(_ text: String) -> String {
        var escaped = ""
        for character in text {
            if character == "%" || character == "_" || character == "!" { escaped.append("!") }
            escaped.append(character)
        }
        return escaped
    }

    /// Every column after `id` up to `updated_at`, in `columns` order, without `created_at`.
    private static func values(_ applicant: Applicant, _ sealed: SealedNIK?) -> [SQLValue] {
        [.text(applicant.kind.rawValue), .text(applicant.name), .text(applicant.name.lowercased()),
         sealed.map { .blob($0.ciphertext) } ?? .null, .text(sealed?.lookup), .text(sealed?.last4),
         .text(applicant.phone?.e164), .text(applicant.email), .text(applicant.businessName), .text(applicant.nib?.digits),
         .text(applicant.address), .integer(Int64(applicant.version)), .instant(applicant.updatedAt)]
    }

    func decode(_ row: SQLRow) throws -> Applicant {
        let id = ApplicantID(rawValue: try row.string("id"))
        let nik = try row.optionalBlob("nik_ciphertext").map { try SealedNIK.open($0, applicantID: id, keys: keys) }
        return Applicant(
            id: id, kind: try row.parsed("kind") { try Applicant.Kind.parse($0, field: "kind") },
            name: try row.string("name"), nik: nik,
            phone: try row.optionalParsed("phone") { try PhoneNumber($0) },
            email: try row.optionalString("email"), businessName: try row.optionalString("business_name"),
            nib: try row.optionalParsed("nib") { try NIB($0) }, address: try row.optionalString("address"),
            version: try row.intValue("version"), createdAt: try row.instant("created_at"),
            updatedAt: try row.instant("updated_at"))
    }
}
