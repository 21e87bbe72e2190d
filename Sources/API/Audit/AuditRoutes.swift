import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `GET /v1/audit-events`: the audit trail, for administrators, the reporting division and
/// the current head of office, filtered and paged oldest first (`seq` order).
enum AuditRoutes {
    static func install(into router: inout Router, services: APIServices) {
        router.get("/v1/audit-events") { request, context in try list(request, context, services) }
    }

    static func list(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let staff = try context.requireStaff()
        if !staff.mayAct(as: .admin), !staff.mayAct(as: .reporting) {
            let head = try services.store.read { try services.officers.currentHead(in: $0.officerAssignments) }
            guard head?.staffID == staff.id else {
                throw HTTPError.forbidden("The audit trail is for administrators, reporting staff and the head of office.")
            }
        }
        let items = request.queryItems
        var query = AuditEventFilter()
        var problems: [Web.FieldError] = []
        for name in ["actor_id", "resource_id"] {
            if let value = items[name], !(1...64).contains(value.utf8.count) {
                problems.append(Web.FieldError(field: name, message: "must be 1 to 64 characters"))
            }
        }
        query.actorID = items["actor_id"]
        query.resourceID = items["resource_id"]
        if let type = items["resource_type"] {
            let valid = (1...64).contains(type.utf8.count)
                && type.utf8.allSatisfy { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || $0 == UInt8(ascii: "_") }
            if !valid { problems.append(Web.FieldError(field: "resource_type", message: "must match ^[a-z_]{1,64}$")) }
            query.resourceType = type
        }
        let from = try day(items["from"], "from")
        let to = try day(items["to"], "to")
        if let from, let to, to < from { problems.append(Web.FieldError(field: "to", message: "must not be before from")) }
        if !problems.isEmpty { throw HTTPError.unprocessable(fieldErrors: problems) }
        query.from = from.map(services.clock.zone.startOfDay)
        query.to = to.map { services.clock.zone.startOfDay($0.adding(days: 1)) }

        let filters = [query.actorID, query.resourceType, query.resourceID, from?.iso8601, to?.iso8601].map { $0 ?? "" }
        let list = try ListParameters(items, list: "audit", filters: filters)
        var afterSeq: Int64?
        if let cursor = list.innerCursor {
            guard let seq = Int64(cursor) else { throw HTTPError.badRequest("The cursor is not valid for this list.") }
            afterSeq = seq
        }
        let page = try services.store.read { try $0.audit.oldestFirst(query, after: afterSeq, limit: list.limit) }
        let next = page.hasMore ? page.events.last.map { String($0.seq) } : nil
        return ResourceResponse.list(request, items: page.events, nextCursor: list.wrap(next)) { entry, writer in
            write(entry, services, to: &writer)
        }
    }

    /// A `YYYY-MM-DD` query parameter; 400 when it does not parse.
    static func day(_ text: String?, _ name: String) throws -> LocalDate? {
        guard let text else { return nil }
        guard let date = LocalDate(iso8601: text) else {
            throw HTTPError(.badRequest, type: "bad-request", detail: "\(name) must be a date written YYYY-MM-DD.",
                            fieldErrors: [Web.FieldError(field: name, message: "must be a date written YYYY-MM-DD")])
        }
        return date
    }

    static func write(_ entry: AuditEvent, _ services: APIServices, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("seq", Int(entry.seq))
        writer.field("id", entry.id.rawValue)
        writer.field("occurred_at", services.timestamps.format(entry.occurredAt))
        writer.field("actor_id", entry.actor.id)
        writer.field("action", entry.action.rawValue)
        writer.field("resource_type", entry.resourceType)
        writer.field("resource_id", entry.resourceID)
        writer.field("request_id", entry.requestID)
        writer.field("before", map: entry.before)
        writer.field("after", map: entry.after)
        writer.endObject()
    }
}
