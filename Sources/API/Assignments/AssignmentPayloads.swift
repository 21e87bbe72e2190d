import Domain
import OfficerAssignment
import Web

/// The wire form of officer assignments; `status` is derived at the moment of the request.
enum AssignmentPayloads {
    static func write(_ assignment: Assignment, _ services: APIServices, to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", assignment.id.rawValue)
        writer.field("officer_id", assignment.officerID.rawValue)
        writer.field("decree_number", assignment.decreeNumber.text)
        writer.field("decree_date", assignment.decreeDate.iso8601)
        writer.field("effective_from", assignment.effectiveFrom.iso8601)
        writer.field("effective_until", assignment.effectiveUntil?.iso8601)
        writer.field("status", services.officers.status(of: assignment).rawValue)
        writer.field("signed_by", assignment.signedBy.rawValue)
        writer.field("signed_capacity", assignment.signedCapacity.rawValue)
        writer.field("signed_under_tenure_id", assignment.signedUnderTenure.rawValue)
        writer.field("revoked_at", assignment.revokedAt.map(format))
        writer.field("revoked_by", assignment.revokedBy?.rawValue)
        writer.field("revoked_in_capacity", assignment.revocation?.revokedInCapacity.rawValue)
        writer.field("revocation_reason", assignment.revocationReason)
        writer.field("version", assignment.version)
        writer.field("created_at", format(assignment.createdAt))
        writer.field("updated_at", format(assignment.revokedAt ?? assignment.createdAt))
        writer.endObject()
    }
}
