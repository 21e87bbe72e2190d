import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `POST /v1/visits/{id}/cancel` and `/no-show`: a waiting visit leaves the queue.
///
/// The front office or a serving officer acts; `If-Match` is honoured (412 when stale); the
/// visit's own state machine refuses any other transition (409 with `current_status`). The
/// change and its audit event commit together.
enum VisitTransitionRoutes {
    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/visits/{id}/cancel") { request, context in
            let reason = try cancellationReason(request)
            return try transition(request, context, services, action: .visitCancelled) { visit, now in
                try visit.cancelled(reason: reason, at: now)
            }
        }
        router.post("/v1/visits/{id}/no-show") { request, context in
            try transition(request, context, services, action: .visitNoShow) { visit, now in
                try visit.markedNoShow(at: now)
            }
        }
    }

    /// The optional body of `cancel`: nothing, or `{"reason": "…"}` (1 to 1000 characters).
    static func cancellationReason(_ request: HTTPRequest) throws -> String? {
        let isEmpty = request.body.allSatisfy { [0x20, 0x09, 0x0A, 0x0D].contains($0) }
        if isEmpty { return nil }
        var body = try BodyReader(request, allowed: ["reason"])
        let reason = body.string("reason", required: false)
        if let reason, reason.isEmpty { body.fail("reason", "must not be empty") }
        try body.finish()
        return reason
    }

    static func transition(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices,
                           action: AuditAction, _ move: (Visit, Date) throws -> Visit) throws -> HTTPResponse {
        let staff = try ProcedureCaller.require(context, services)
        let rawID = try context.parameters.require("id")
        guard let id = VisitID(parsing: rawID) else { throw HTTPError.notFound("No visit \(rawID).") }
        let now = services.clock.now()
        let visit = try services.store.write(requestID: context.requestID, actor: .staff(staff.id)) { writer in
            guard let current = try writer.visits.get(id: id) else { throw HTTPError.notFound("No visit \(rawID).") }
            try EntityTags.requireMatch(request, version: current.version)
            let next = try move(current, now)
            guard try writer.visits.update(next, expectedVersion: current.version) else {
                throw HTTPError.preconditionFailed("The visit changed meanwhile; fetch it again.")
            }
            try writer.record(ProcedureAudit.summary(action, visit: next, before: current, actor: staff.id, at: now))
            return next
        }
        return VisitPayloads.respond(request, visit, services)
    }
}
