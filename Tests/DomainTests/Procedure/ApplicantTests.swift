import Domain
import Testing

@Suite struct ApplicantTests {
    static let today = day("2026-12-03")
    static let now = instant("2026-12-03T08:41:00+07:00")

    func make(_ form: ApplicantForm) throws(ValidationError) -> Applicant {
        try Applicant.validated(id: Procedure.applicant, form, today: Self.today, at: Self.now)
    }

    @Test func anIndividualIsValidatedAndNormalised() throws {
        let applicant = try make(ApplicantForm(kind: .individual, name: "  Budi Santoso ", nik: "1601071208850003",
                                               phone: "0812-3456-7890", email: "budi.santoso@example.id",
                                               address: "Jl. Dr. Moh. Hatta No. 12\nBaturaja Timur"))
        #expect(applicant.name == "Budi Santoso" && applicant.nik?.unmaskedDigits == "1601071208850003")
        #expect(applicant.phone?.e164 == "+6281234567890" && applicant.version == 1)
        #expect(applicant.createdAt == Self.now && applicant.updatedAt == Self.now)
        #expect("\(applicant)".contains("1601071208850003") == false)
    }

    @Test func kindRulesAreEnforced() {
        #expect(fieldCodes { _ = try make(ApplicantForm(kind: .individual, name: "Budi")) } == ["nik.required"])
        #expect(fieldCodes {
            _ = try make(ApplicantForm(kind: .individual, name: "Budi", nik: "1601071208850003", businessName: "CV X",
                                       nib: "9120301234567"))
        } == ["business_name.not_allowed", "nib.not_allowed"])
        #expect(fieldCodes { _ = try make(ApplicantForm(kind: .business, name: "Sri")) } == ["business_name.required"])
        #expect(fieldCodes {
            _ = try make(ApplicantForm(kind: .business, name: "Sri", businessName: "CV Sumber Rejeki", nib: "9120301234567"))
        } == [])
    }

    @Test func everyBadFieldIsReportedAtOnce() {
        let codes = fieldCodes {
            _ = try make(ApplicantForm(kind: .individual, name: "", nik: "1601071208850000", phone: "12345",
                                       email: "budi@", nib: "123", address: String(repeating: "a", count: 501)))
        }
        #expect(codes == ["name.required", "nik.serial", "phone.prefix", "email.format", "nib.format", "address.too_long"])
    }

    @Test(arguments: ["a@b.id", "budi.santoso+klipso@example.co.id", "x@sub.domain.example"])
    func plausibleEmailsPass(email: String) throws {
        #expect(try EmailAddress.validate(" \(email) ") == email)
    }

    @Test(arguments: ["", "budi", "budi@", "@example.id", "budi@example", "budi@@example.id", "bu di@example.id",
                      "budi@example..id", "budi@-example.id", String(repeating: "a", count: 65) + "@example.id"])
    func implausibleEmailsFail(email: String) {
        #expect(throws: ValidationError.self) { try EmailAddress.validate(email) }
    }

    @Test func aPatchChangesOnlyWhatItNamesAndKeepsTheRules() throws {
        let original = try make(ApplicantForm(kind: .individual, name: "Budi", nik: "1601071208850003", phone: "0812-3456-7890"))
        var patch = ApplicantPatch()
        patch.phone = .set("+62 813 7788 9900")
        patch.email = .set("budi@example.id")
        let later = Self.now.addingTimeInterval(3600)
        let patched = try original.patched(patch, today: Self.today, at: later)
        #expect(patched.phone?.e164 == "+6281377889900" && patched.email == "budi@example.id")
        #expect(patched.nik == original.nik && patched.name == "Budi" && patched.version == 2)
        #expect(patched.createdAt == Self.now && patched.updatedAt == later)

        var clearNIK = ApplicantPatch()
        clearNIK.nik = .clear
        clearNIK.name = .clear
        #expect(fieldCodes { _ = try original.patched(clearNIK, today: Self.today, at: later) } == ["name.required", "nik.required"])
        var business = ApplicantPatch()
        business.businessName = .set("CV X")
        #expect(fieldCodes { _ = try original.patched(business, today: Self.today, at: later) } == ["business_name.not_allowed"])
    }
}
