import Cryptography
import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `/v1/applicants`: the *pemohon* the front office records, with their NIK protected.
///
/// Front office and serving officers read and write and see the NIK in full; every response
/// that shows it leaves an `applicant.nik_read` audit event in a write transaction, so whoever
/// looked is on record (UU 27/2022). Integrations with `applicants:read` only read, masked.
enum ApplicantRoutes {
    static let readScope = "applicants:read"

    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/applicants") { request, context in try create(request, context, services) }
        router.get("/v1/applicants") { request, context in try list(request, context, services) }
        router.get("/v1/applicants/{id}") { request, context in try show(request, context, services) }
        router.patch("/v1/applicants/{id}") { request, context in try update(request, context, services) }
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let staff = try ProcedureCaller.require(context, services)
        let moment = services.clock.moment()
        let applicant = try ApplicantInput.newApplicant(request, id: services.ids.next(), today: moment.today,
                                                        at: moment.instant)
        let keys = services.personalDataKeys
        try services.store.write(requestID: context.requestID, actor: .staff(staff.id)) { writer in
            try writer.applicants(keys).insert(applicant)
            try writer.record(ProcedureAudit.summary(.applicantCreated, applicant: applicant, before: nil,
                                                     actor: staff.id, at: moment.instant))
            if applicant.nik != nil {
                try writer.record(ApplicantPayloads.nikRead(applicant, actor: staff.id, at: moment.instant))
            }
        }
        return ResourceResponse.single(request, version: applicant.version, status: .created,
                                       location: "/v1/applicants/\(applicant.id.rawValue)") {
            ApplicantPayloads.write(applicant, .full, services, to: &$0)
        }
    }

    static func show(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let reader = try ApplicantReader(context, services)
        let rawID = try context.parameters.require("id")
        return try reader.respond(services, context) { repository in
            guard let id = ApplicantID(parsing: rawID), let applicant = try repository.get(id: id) else {
                throw HTTPError.notFound("No applicant \(rawID).")
            }
            let response = ResourceResponse.single(request, version: applicant.version) {
                ApplicantPayloads.write(applicant, reader.disclosure, services, to: &$0)
            }
            return (response, [applicant])
        }
    }

    static func list(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let reader = try ApplicantReader(context, services)
        let query = request.queryItems
        let nik = try nikFilter(query["nik"], today: services.clock.today())
        let search = query["q"]
        if let search, !(2...100).contains(search.count) {
            throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "q", message: "must be 2 to 100 characters")])
        }
        // The keyed hash, not the NIK, goes into the cursor's filter fingerprint.
        let nikKey = nik.map { services.personalDataKeys.lookupHash($0.unmaskedDigits) } ?? ""
        let list = try ListParameters(query, list: "applicants", filters: [nikKey, search ?? ""])
        return try reader.respond(services, context) { repository in
            let page = try repository.list(nik: nik, nameContains: search, list.page)
            let response = ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
                ApplicantPayloads.write($0, reader.disclosure, services, to: &$1)
            }
            return (response, page.items)
        }
    }

    /// `?nik=`: 400 unless 16 digits, 422 when the digits break the NIK's structure.
    static func nikFilter(_ text: String?, today: LocalDate) throws -> NIK? {
        guard let text else { return nil }
        guard text.utf8.count == 16, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            throw HTTPError(.badRequest, type: "bad-request", detail: "nik must be 16 digits.",
                            fieldErrors: [Web.FieldError(field: "nik", message: "must be 16 digits")])
        }
        do {
            return try NIK(text, referenceDate: today)
        } catch {
            throw HTTPError.unprocessable(fieldErrors: error.fieldErrors.map(\.webFieldError))
        }
    }

    static func update(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let staff = try ProcedureCaller.require(context, services)
        let rawID = try context.parameters.require("id")
        guard let id = ApplicantID(parsing: rawID) else { throw HTTPError.notFound("No applicant \(rawID).") }
        let patch = try ApplicantInput.patch(request)
        let moment = services.clock.moment()
        let keys = services.personalDataKeys
        let applicant = try services.store.write(requestID: context.requestID, actor: .staff(staff.id)) { writer in
            let repository = writer.applicants(keys)
            guard let current = try repository.get(id: id) else { throw HTTPError.notFound("No applicant \(rawID).") }
            try EntityTags.requireMatch(request, version: current.version)
            let changed = try current.patched(patch, today: moment.today, at: moment.instant)
            guard try repository.update(changed, expectedVersion: current.version) else {
                throw HTTPError.preconditionFailed("The applicant changed meanwhile; fetch it again.")
            }
            try writer.record(ProcedureAudit.summary(.applicantUpdated, applicant: changed, before: current,
                                                     actor: staff.id, at: moment.instant))
            if changed.nik != nil {
                try writer.record(ApplicantPayloads.nikRead(changed, actor: staff.id, at: moment.instant))
            }
            return changed
        }
        return ResourceResponse.single(request, version: applicant.version) {
            ApplicantPayloads.write(applicant, .full, services, to: &$0)
        }
    }
}
