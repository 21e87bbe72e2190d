import Domain
import Foundation
import HTTPCore
import Web

/// Reads `POST` and `PATCH /v1/applicants` bodies into domain values, reporting every field
/// problem in one 422 (NIK structure, NIB digits, phone form, kind rules, unknown members).
enum ApplicantInput {
    /// The reason codes of the kind rules, meaningless while `kind` itself is missing or unknown.
    private static let kindRuleCodes: Set<String> = ["nik.required", "business_name.not_allowed", "nib.not_allowed",
                                                     "business_name.required"]

    /// A validated new applicant from the body of `request`.
    static func newApplicant(_ request: HTTPRequest, id: ApplicantID, today: LocalDate, at now: Date) throws -> Applicant {
        var body = try BodyReader(request, allowed: ApplicantPayloads.fields)
        let kind = body.string("kind").flatMap { text in
            body.collect { () throws(ValidationError) in try Applicant.Kind.parse(text, field: "kind") }
        }
        let name = body.string("name")
        let form = ApplicantForm(
            kind: kind ?? .individual, name: name ?? "-", nik: text(&body, "nik"), phone: text(&body, "phone"),
            email: text(&body, "email"), businessName: text(&body, "business_name"), nib: text(&body, "nib"),
            address: text(&body, "address"))
        var applicant: Applicant?
        do {
            applicant = try Applicant.validated(id: id, form, today: today, at: now)
        } catch {
            // Without a kind, its rules say nothing; the placeholder name never fails.
            let relevant = error.fieldErrors.filter { kind != nil || !kindRuleCodes.contains($0.code) }
            body.add(ValidationError(relevant))
        }
        try body.finish()
        guard let applicant, kind != nil, name != nil else { throw HTTPError.badRequest() }
        return applicant
    }

    /// The merge patch in the body of `request` (`kind` is not a patchable member).
    static func patch(_ request: HTTPRequest) throws -> ApplicantPatch {
        var body = try BodyReader(request, allowed: ApplicantPayloads.fields.subtracting(["kind"]), mergePatch: true)
        if body.members.isEmpty { body.fail("$", "at least one field must be given") }
        var patch = ApplicantPatch()
        patch.name = change(&body, "name")
        patch.nik = change(&body, "nik")
        patch.phone = change(&body, "phone")
        patch.email = change(&body, "email")
        patch.businessName = change(&body, "business_name")
        patch.nib = change(&body, "nib")
        patch.address = change(&body, "address")
        try body.finish()
        return patch
    }

    /// An optional member: absent and `null` both mean none.
    private static func text(_ body: inout BodyReader, _ name: String) -> String? {
        if case .value(let text) = body.nullableString(name) { return text }
        return nil
    }

    private static func change(_ body: inout BodyReader, _ name: String) -> PatchField<String> {
        switch body.nullableString(name) {
        case .absent: .unchanged
        case .null: .clear
        case .value(let text): .set(text)
        }
    }
}
