import Domain
import Foundation
import Web

/// How much of the NIK a response may show.
///
/// Exists so every applicant response states the choice explicitly: the full number goes only
/// to callers who need it (front office, serving officers; openapi notes 10), and each such
/// response is audited (``ApplicantPayloads/nikRead(_:actor:at:)``).
enum NIKDisclosure: Sendable {
    case full
    case masked
}

/// The wire form of applicants, and the audit events their disclosure leaves.
enum ApplicantPayloads {
    static let fields: Set<String> = ["kind", "name", "nik", "phone", "email", "business_name", "nib", "address"]

    /// An unmasked NIK was shown: who saw whose, in which request (the writer adds the request
    /// id and actor). Never the NIK itself.
    static let nikRead = AuditAction(rawValue: "applicant.nik_read")

    static func nikRead(_ applicant: Applicant, actor: StaffID, at now: Date) -> AuditSummary {
        AuditSummary(action: nikRead, resourceType: ProcedureAudit.applicantResourceType,
                     resourceID: applicant.id.rawValue, actorID: actor, occurredAt: now, before: nil, after: nil)
    }

    static func write(_ applicant: Applicant, _ disclosure: NIKDisclosure, _ services: APIServices,
                      to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", applicant.id.rawValue)
        writer.field("kind", applicant.kind.rawValue)
        writer.field("name", applicant.name)
        switch (applicant.nik, disclosure) {
        case (nil, _):
            writer.field("nik", nil as String?)
            writer.field("nik_masked", false)
        case (let nik?, .full):
            writer.field("nik", nik.unmaskedDigits)
            writer.field("nik_masked", false)
        case (let nik?, .masked):
            writer.field("nik", nik.masked)
            writer.field("nik_masked", true)
        }
        writer.field("phone", applicant.phone?.e164)
        writer.field("email", applicant.email)
        writer.field("business_name", applicant.businessName)
        writer.field("nib", applicant.nib?.digits)
        writer.field("address", applicant.address)
        writer.field("version", applicant.version)
        writer.field("created_at", format(applicant.createdAt))
        writer.field("updated_at", format(applicant.updatedAt))
        writer.endObject()
    }
}
