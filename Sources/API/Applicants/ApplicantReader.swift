import Cryptography
import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// A caller allowed to read applicants, and what reading costs them.
///
/// Exists so `GET` handlers cannot forget the audit: staff (front office, serving officers)
/// read inside a write transaction that records `applicant.nik_read` for every applicant whose
/// full NIK the response shows (none for a 304); integrations read in a plain read transaction
/// and get masked NIKs.
enum ApplicantReader {
    case staff(Staff)
    case integration

    /// 401, or 403 for staff who are neither front office nor serving, and for keys without
    /// `applicants:read`.
    init(_ context: RequestContext, _ services: APIServices) throws {
        switch try context.requirePrincipal() {
        case .apiKey(let key):
            guard key.hasScope(ApplicantRoutes.readScope) else {
                throw HTTPError.forbidden("This API key lacks the \(ApplicantRoutes.readScope) scope.")
            }
            self = .integration
        case .staff:
            self = .staff(try ProcedureCaller.require(context, services))
        }
    }

    var disclosure: NIKDisclosure {
        switch self {
        case .staff: .full
        case .integration: .masked
        }
    }

    /// Runs `body` against the applicants and returns its response; for staff, audits each
    /// shown applicant that has a NIK unless the response is a 304.
    func respond(_ services: APIServices, _ context: RequestContext,
                 _ body: (ApplicantRepository) throws -> (HTTPResponse, [Applicant])) throws -> HTTPResponse {
        let keys = services.personalDataKeys
        switch self {
        case .integration:
            return try services.store.read { reader in try body(reader.applicants(keys)).0 }
        case .staff(let staff):
            return try services.store.write(requestID: context.requestID, actor: .staff(staff.id)) { writer in
                let (response, shown) = try body(writer.applicants(keys))
                guard response.status != .notModified else { return response }
                let now = services.clock.now()
                for applicant in shown where applicant.nik != nil {
                    try writer.record(ApplicantPayloads.nikRead(applicant, actor: staff.id, at: now))
                }
                return response
            }
        }
    }
}
