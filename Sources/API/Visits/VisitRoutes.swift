import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `/v1/visits`: arrivals at the front office and their triage (procedure steps 1 to 3).
///
/// The front office records a visit; the domain's `Triage` decides from the purpose alone
/// whether it is routed to KLIPSO (status `waiting`, the day's next queue number, taken in the
/// same transaction) or refused with a desk and a reason. Staff and integrations with
/// `visits:read` read them; the state changes live in `VisitTransitionRoutes`.
enum VisitRoutes {
    static let readScope = "visits:read"

    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/visits") { request, context in try create(request, context, services) }
        router.get("/v1/visits") { request, context in try list(request, context, services) }
        router.get("/v1/visits/{id}") { request, context in
            _ = try context.requireStaffOrScope(readScope)
            let rawID = try context.parameters.require("id")
            let visit = try services.store.read { reader in try VisitID(parsing: rawID).flatMap { try reader.visits.get(id: $0) } }
            guard let visit else { throw HTTPError.notFound("No visit \(rawID).") }
            return VisitPayloads.respond(request, visit, services)
        }
        VisitTransitionRoutes.install(into: &router, services: services)
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let staff = try context.requireRole(.frontOffice)
        var body = try BodyReader(request, allowed: VisitPayloads.createFields)
        let applicantID = body.string("applicant_id")
        let purpose = body.string("purpose").flatMap { text in
            body.collect { () throws(ValidationError) in try VisitPurpose.parse(text, field: "purpose") }
        }
        var platform: Platform?
        if case .value(let text) = body.nullableString("platform") {
            platform = body.collect { () throws(ValidationError) in try Platform.parse(text, field: "platform") }
        }
        var notes: String?
        if case .value(let text) = body.nullableString("notes") { notes = text }
        let profile = services.officeProfile
        let moment = services.clock.moment()
        var visit: Visit?
        if let applicantID, let purpose {
            visit = body.collect { () throws(ValidationError) in
                try Visit.arrive(id: services.ids.next(), applicantID: ApplicantID(rawValue: applicantID), purpose: purpose,
                                 platform: platform, notes: notes, triage: Triage(profile: profile), at: moment)
            }
        }
        try body.finish()
        guard let visit else { throw HTTPError.badRequest() }
        let keys = services.personalDataKeys
        let stored = try services.store.write(requestID: context.requestID, actor: .staff(staff.id)) { writer in
            guard ApplicantID(parsing: visit.applicantID.rawValue) != nil,
                  try writer.applicants(keys).get(id: visit.applicantID) != nil else {
                throw HTTPError.unprocessable(fieldErrors: [
                    Web.FieldError(field: "applicant_id", message: "does not name an existing applicant")])
            }
            let stored = try writer.visits.insert(visit, queuePrefix: profile.queuePrefix)
            let action: AuditAction = stored.decision == .routedToKlipso ? .visitRouted : .visitRefused
            try writer.record(ProcedureAudit.summary(action, visit: stored, before: nil, actor: staff.id,
                                                     at: moment.instant))
            return stored
        }
        return VisitPayloads.respond(request, stored, services, status: .created,
                                     location: "/v1/visits/\(stored.id.rawValue)")
    }

    static func list(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        _ = try context.requireStaffOrScope(readScope)
        let query = request.queryItems
        var date: LocalDate?
        if let text = query["date"] {
            guard let parsed = LocalDate(iso8601: text) else {
                throw HTTPError(.badRequest, type: "bad-request", detail: "date must be a calendar date written YYYY-MM-DD.",
                                fieldErrors: [Web.FieldError(field: "date", message: "must be a date written YYYY-MM-DD")])
            }
            date = parsed
        }
        var status: VisitStatus?
        if let text = query["status"] {
            do {
                status = try VisitStatus.parse(text, field: "status")
            } catch {
                throw HTTPError.unprocessable(fieldErrors: error.fieldErrors.map(\.webFieldError))
            }
        }
        let list = try ListParameters(query, list: "visits", filters: [date?.iso8601 ?? "", status?.rawValue ?? ""])
        let page = try services.store.read { reader in try reader.visits.list(date: date, status: status, list.page) }
        return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
            VisitPayloads.write($0, services, to: &$1)
        }
    }
}
