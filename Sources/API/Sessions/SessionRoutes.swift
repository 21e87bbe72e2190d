import Domain
import HTTPCore
import OfficerAssignment
import Storage
import Web

/// `/v1/sessions`: consultations between a serving KLIPSO officer and a routed visit
/// (procedure steps 4 to 6).
///
/// Who may serve is decided by `OfficerAssignmentService.proveServing` alone, inside the same
/// write transaction as the change, so a revocation committed before it is always seen (403
/// for everyone else, administrators and the head of office included). The session moves its
/// visit with it; the audit event is recorded last in the same transaction.
enum SessionRoutes {
    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/sessions") { request, context in try open(request, context, services) }
        router.get("/v1/sessions") { request, context in try list(request, context, services) }
        router.get("/v1/sessions/{id}") { request, context in
            _ = try context.requireStaffOrScope("sessions:read")
            let rawID = try context.parameters.require("id")
            let session = try services.store.read { reader in
                try SessionID(parsing: rawID).flatMap { try reader.sessions.get(id: $0) }
            }
            guard let session else { throw HTTPError.notFound("No session \(rawID).") }
            return respond(request, session, services)
        }
        router.patch("/v1/sessions/{id}") { request, context in try update(request, context, services) }
        router.post("/v1/sessions/{id}/complete") { request, context in try complete(request, context, services) }
    }

    static func respond(_ request: HTTPRequest, _ session: ConsultationSession, _ services: APIServices,
                        status: HTTPStatus = .ok, location: String? = nil) -> HTTPResponse {
        ResourceResponse.single(request, version: session.version, status: status, location: location) {
            SessionPayloads.write(session, services, to: &$0)
        }
    }

    static func open(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let caller = try context.requireStaff()
        var body = try BodyReader(request, allowed: ["visit_id"])
        let rawVisitID = body.string("visit_id")
        try body.finish()
        guard let rawVisitID else { throw HTTPError.badRequest() }
        let session = try services.store.write(requestID: context.requestID, actor: .staff(caller.id)) { writer in
            // Who may serve comes first: someone without an active assignment learns nothing
            // about which visits exist.
            let proof = try services.officers.proveServing(caller.id, in: writer)
            guard let visitID = VisitID(parsing: rawVisitID), let visit = try writer.visits.get(id: visitID) else {
                throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "visit_id", message: "no visit has this id")])
            }
            if let existing = try writer.sessions.get(visitID: visitID) {
                var conflict = HTTPError.conflict("The visit already has a session.")
                conflict.extensions = [JSONMember("conflicting_id", .string(existing.id.rawValue)),
                                       JSONMember("current_status", .string(visit.status.rawValue))]
                throw conflict
            }
            let opened = try SessionErrorMapping.mapping {
                try ConsultationSession.open(visit: visit, by: proof, id: services.ids.next())
            }
            try writer.sessions.insert(opened.session)
            guard try writer.visits.update(opened.visit, expectedVersion: visit.version) else {
                throw HTTPError.conflict("The visit changed while the session was being opened; try again.")
            }
            try writer.record(ProcedureAudit.summary(.sessionStarted, session: opened.session, before: nil,
                                                     actor: caller.id, at: opened.session.startedAt))
            return opened.session
        }
        return respond(request, session, services, status: .created, location: "/v1/sessions/\(session.id.rawValue)")
    }

    static func list(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        _ = try context.requireStaffOrScope("sessions:read")
        let query = request.queryItems
        let officerID = query["officer_id"]
        if let officerID, !(1...64).contains(officerID.utf8.count) {
            throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "officer_id", message: "must be 1 to 64 characters")])
        }
        var date: LocalDate?
        if let text = query["date"] {
            guard let parsed = LocalDate(iso8601: text) else {
                throw HTTPError(.badRequest, type: "bad-request", detail: "date must be written YYYY-MM-DD.",
                                fieldErrors: [Web.FieldError(field: "date", message: "must be a real calendar date written YYYY-MM-DD")])
            }
            date = parsed
        }
        let list = try ListParameters(query, list: "sessions", filters: [officerID ?? "", date?.iso8601 ?? ""])
        let page = try services.store.read { reader in
            try reader.sessions.list(officerID: officerID.map(StaffID.init(rawValue:)), date: date, list.page)
        }
        return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
            SessionPayloads.write($0, services, to: &$1)
        }
    }
}
