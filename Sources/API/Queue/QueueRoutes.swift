import Domain
import HTTPCore
import Storage
import Web

/// `GET /v1/queue`: today's KLIPSO queue for staff and display boards.
///
/// Routed visits of the office-local day still `waiting` or `in_session`, in queue-number
/// order, with no applicant name or other personal data: display boards are public screens
/// (openapi notes 12). Not paginated; the `ETag` is a hash of the body.
enum QueueRoutes {
    static let readScope = "queue:read"

    static func install(into router: inout Router, services: APIServices) {
        router.get("/v1/queue") { request, context in
            _ = try context.requireStaffOrScope(readScope)
            let today = services.clock.today()
            let entries = try services.store.read { reader in try reader.visits.queue(on: today) }
            var writer = JSONWriter(reservingCapacity: 128 + entries.count * 300)
            writer.beginObject()
            writer.field("date", today.iso8601)
            writer.field("time_zone", services.clock.zone.identifier)
            writer.key("items")
            writer.beginArray()
            for entry in entries { write(entry, services, to: &writer) }
            writer.endArray()
            writer.endObject()
            let tag = EntityTags.forBody(writer.bytes)
            if EntityTags.notModified(request, tag: tag) {
                return HTTPResponse(status: .notModified, headers: ["ETag": tag])
            }
            return .json(writer: writer, headers: ["ETag": tag])
        }
    }

    static func write(_ entry: QueueEntry, _ services: APIServices, to writer: inout JSONWriter) {
        let visit = entry.visit
        writer.beginObject()
        writer.field("visit_id", visit.id.rawValue)
        writer.field("queue_number", visit.queueNumber?.text)
        writer.field("status", visit.status.rawValue)
        writer.field("waiting_since", services.timestamps.format(visit.createdAt))
        writer.field("purpose", visit.purpose.rawValue)
        writer.field("platform", visit.platform?.rawValue)
        writer.field("session_id", visit.sessionID?.rawValue)
        writer.field("officer_id", entry.officerID?.rawValue)
        writer.endObject()
    }
}
