import Domain
import HTTPCore
import OfficerAssignment
import Storage
import Web

extension SessionRoutes {
    /// `PATCH /v1/sessions/{id}`: topics, notes and the checklist, by its officer while serving.
    static func update(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let caller = try context.requireStaff()
        let rawID = try context.parameters.require("id")
        var body = try BodyReader(request, allowed: SessionPayloads.patchFields, mergePatch: true)
        let changes = SessionPayloads.changes(&body)
        try body.finish()
        guard let changes else { throw HTTPError.badRequest() }
        let session = try services.store.write(requestID: context.requestID, actor: .staff(caller.id)) { writer in
            let (proof, current) = try servingAndFound(caller, rawID, services, writer)
            try EntityTags.requireMatch(request, version: current.version)
            let changed = try SessionErrorMapping.mapping { try current.updated(with: changes, by: proof) }
            guard try writer.sessions.update(changed, expectedVersion: current.version) else {
                throw HTTPError.preconditionFailed("The session changed meanwhile; fetch it again.")
            }
            try writer.record(ProcedureAudit.summary(.sessionUpdated, session: changed, before: current,
                                                     actor: caller.id, at: changed.updatedAt))
            return changed
        }
        return respond(request, session, services)
    }

    /// `POST /v1/sessions/{id}/complete`: outcome and next step; the visit becomes `completed`.
    static func complete(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let caller = try context.requireStaff()
        let rawID = try context.parameters.require("id")
        var body = try BodyReader(request, allowed: SessionPayloads.completeFields)
        let completion = SessionPayloads.completion(&body)
        try body.finish()
        guard let completion else { throw HTTPError.badRequest() }
        let session = try services.store.write(requestID: context.requestID, actor: .staff(caller.id)) { writer in
            let (proof, current) = try servingAndFound(caller, rawID, services, writer)
            try EntityTags.requireMatch(request, version: current.version)
            guard let visit = try writer.visits.get(id: current.visitID) else {
                throw StoreError(.corruptData, "session \(current.id) has no visit \(current.visitID)")
            }
            let completed = try SessionErrorMapping.mapping {
                try current.completed(completion, by: proof, visit: visit)
            }
            guard try writer.sessions.update(completed.session, expectedVersion: current.version) else {
                throw HTTPError.preconditionFailed("The session changed meanwhile; fetch it again.")
            }
            guard try writer.visits.update(completed.visit, expectedVersion: visit.version) else {
                throw HTTPError.conflict("The visit changed while the session was being completed; try again.")
            }
            try writer.record(ProcedureAudit.summary(.sessionCompleted, session: completed.session, before: current,
                                                     actor: caller.id, at: completed.session.updatedAt))
            return completed.session
        }
        return respond(request, session, services)
    }

    /// The proof that `caller` serves now (403 otherwise, before anything about the session is
    /// revealed) and the session (404).
    private static func servingAndFound(_ caller: Staff, _ rawID: String, _ services: APIServices,
                                        _ writer: StoreWriter) throws -> (ServingOfficer, ConsultationSession) {
        let proof = try services.officers.proveServing(caller.id, in: writer)
        guard let id = SessionID(parsing: rawID), let session = try writer.sessions.get(id: id) else {
            throw HTTPError.notFound("No session \(rawID).")
        }
        return (proof, session)
    }
}
