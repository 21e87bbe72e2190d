import Domain
import Foundation
import HTTPCore
import OfficerAssignment
import Storage
import Web

/// `/v1/assignments`: KLIPSO officers appointed and revoked by the current head of office.
///
/// Who may appoint or revoke is decided by `OfficerAssignmentService` alone (403 for everyone
/// but the holder of today's tenure, administrators included); these handlers only check that
/// the caller is staff, translate the body, and record the audit event in the same transaction.
enum AssignmentRoutes {
    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/assignments") { request, context in try appoint(request, context, services) }
        router.get("/v1/assignments") { request, context in try list(request, context, services) }
        router.get("/v1/assignments/{id}") { request, context in
            _ = try context.requireStaff()
            let rawID = try context.parameters.require("id")
            let assignment = try services.store.read { reader in
                try AssignmentID(parsing: rawID).flatMap { try reader.officerAssignments.assignment(id: $0) }
            }
            guard let assignment else { throw HTTPError.notFound("No assignment \(rawID).") }
            return ResourceResponse.single(request, version: assignment.version) {
                AssignmentPayloads.write(assignment, services, to: &$0)
            }
        }
        router.post("/v1/assignments/{id}/revoke") { request, context in try revoke(request, context, services) }
    }

    static func appoint(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let caller = try context.requireStaff()
        var body = try BodyReader(request, allowed: ["officer_id", "decree_number", "decree_date",
                                                     "effective_from", "effective_until"])
        let officerID = body.string("officer_id")
        let decree = body.string("decree_number")
        let decreeDate = body.date("decree_date")
        let effectiveFrom = body.date("effective_from")
        let effectiveUntil = body.nullableDate("effective_until")
        try body.finish()
        guard let officerID, let decree, let decreeDate, let effectiveFrom else { throw HTTPError.badRequest() }
        let until: LocalDate? = if case .value(let date) = effectiveUntil { date } else { nil }
        let appointment = AppointmentRequest(officerID: StaffID(rawValue: officerID), decreeNumber: decree,
                                             decreeDate: decreeDate, effectiveFrom: effectiveFrom, effectiveUntil: until)
        let assignment = try services.store.write(requestID: context.requestID, actor: .staff(caller.id)) { writer in
            let change = try services.officers.appoint(by: caller.id, appointment, in: writer)
            try writer.record(change.audit)
            return change.value
        }
        return ResourceResponse.single(request, version: assignment.version, status: .created,
                                       location: "/v1/assignments/\(assignment.id.rawValue)") {
            AssignmentPayloads.write(assignment, services, to: &$0)
        }
    }

    static func list(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        _ = try context.requireStaff()
        let query = request.queryItems
        let officerID = query["officer_id"]
        if let officerID, !(1...64).contains(officerID.utf8.count) {
            throw HTTPError.unprocessable(fieldErrors: [Web.FieldError(field: "officer_id", message: "must be 1 to 64 characters")])
        }
        var status: AssignmentStatus?
        if let text = query["status"] {
            guard let parsed = AssignmentStatus(rawValue: text) else {
                throw HTTPError.unprocessable(fieldErrors: [
                    Web.FieldError(field: "status", message: "must be one of scheduled, active, expired, revoked")])
            }
            status = parsed
        }
        let list = try ListParameters(query, list: "assignments",
                                      filters: [officerID ?? "", status?.rawValue ?? ""])
        let criteria = status.map { AssignmentStatusCriteria(status: $0, at: services.clock.moment()) }
        let page = try services.store.read { reader in
            try reader.officerAssignments.list(officerID: officerID.map(StaffID.init(rawValue:)), status: criteria,
                                                list.page)
        }
        return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
            AssignmentPayloads.write($0, services, to: &$1)
        }
    }

    static func revoke(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let caller = try context.requireStaff()
        let rawID = try context.parameters.require("id")
        var body = try BodyReader(request, allowed: ["reason"])
        let reason = body.string("reason")
        try body.finish()
        guard let reason else { throw HTTPError.badRequest() }
        let assignment = try services.store.write(requestID: context.requestID, actor: .staff(caller.id)) { writer in
            // Who may revoke comes first: a non-head learns nothing about which ids exist.
            guard let tenure = try services.officers.currentHead(in: writer), tenure.staffID == caller.id else {
                throw HTTPError.forbidden("Only the head of office holding today's tenure may revoke KLIPSO assignments.")
            }
            guard let id = AssignmentID(parsing: rawID), let current = try writer.assignment(id: id) else {
                throw HTTPError.notFound("No assignment \(rawID).")
            }
            try EntityTags.requireMatch(request, version: current.version)
            let change = try services.officers.revoke(by: caller.id, assignmentID: id, reason: reason,
                                                      expectedVersion: current.version, in: writer)
            try writer.record(change.audit)
            return change.value
        }
        return ResourceResponse.single(request, version: assignment.version) {
            AssignmentPayloads.write(assignment, services, to: &$0)
        }
    }
}
