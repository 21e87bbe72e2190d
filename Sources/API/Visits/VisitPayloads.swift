import Domain
import HTTPCore
import Web

/// The wire form of visits. Visits hold no personal data beyond the applicant's id (notes
/// are the front office's own words), so every reader gets the same fields.
enum VisitPayloads {
    static let createFields: Set<String> = ["applicant_id", "purpose", "platform", "notes"]

    static func write(_ visit: Visit, _ services: APIServices, to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", visit.id.rawValue)
        writer.field("applicant_id", visit.applicantID.rawValue)
        writer.field("visit_date", visit.visitDate.iso8601)
        writer.field("purpose", visit.purpose.rawValue)
        writer.field("platform", visit.platform?.rawValue)
        writer.field("decision", visit.decision.rawValue)
        writer.field("status", visit.status.rawValue)
        writer.field("queue_number", visit.queueNumber?.text)
        writer.field("referred_to", visit.referredTo?.rawValue)
        writer.field("refusal_reason", visit.refusalReason)
        writer.field("notes", visit.notes)
        writer.field("session_id", visit.sessionID?.rawValue)
        writer.field("cancellation_reason", visit.cancellationReason)
        writer.field("version", visit.version)
        writer.field("created_at", format(visit.createdAt))
        writer.field("updated_at", format(visit.updatedAt))
        writer.endObject()
    }

    static func respond(_ request: HTTPRequest, _ visit: Visit, _ services: APIServices,
                        status: HTTPStatus = .ok, location: String? = nil) -> HTTPResponse {
        ResourceResponse.single(request, version: visit.version, status: status, location: location) {
            write(visit, services, to: &$0)
        }
    }
}
