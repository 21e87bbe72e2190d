import Domain
import Foundation
import OfficerAssignment
import Storage
import Web

/// The wire form of head-of-office tenures.
///
/// Tenure rows keep no timestamps; `created_at` and `updated_at` are those of the first and
/// last audit event about the tenure, which every change of it appends in its transaction.
enum TenurePayloads {
    struct Timestamps {
        let createdAt: Date
        let updatedAt: Date
    }

    static func timestamps(of tenure: HeadOfOfficeTenure, _ reader: StoreReader) throws -> Timestamps {
        let filter = AuditEventFilter(resourceType: OfficerAssignmentService.tenureResourceType,
                                      resourceID: tenure.id.rawValue)
        let events = try reader.audit.list(filter, PageRequest(limit: PageRequest.maximumLimit)).items
        let newest = events.first?.occurredAt ?? Date(timeIntervalSince1970: 0)
        return Timestamps(createdAt: events.last?.occurredAt ?? newest, updatedAt: newest)
    }

    static func write(_ tenure: HeadOfOfficeTenure, _ times: Timestamps, staffName: String? = nil,
                      _ services: APIServices, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", tenure.id.rawValue)
        writer.field("staff_id", tenure.staffID.rawValue)
        writer.field("capacity", tenure.capacity.rawValue)
        writer.field("decree_number", tenure.decreeNumber.text)
        writer.field("starts_on", tenure.startsOn.iso8601)
        writer.field("ends_on", tenure.endsOn?.iso8601)
        writer.field("version", tenure.version)
        writer.field("created_at", services.timestamps.format(times.createdAt))
        writer.field("updated_at", services.timestamps.format(times.updatedAt))
        if let staffName { writer.field("staff_name", staffName) }
        writer.endObject()
    }

    static func capacity(_ body: inout BodyReader) -> TenureCapacity? {
        guard let text = body.string("capacity") else { return nil }
        guard let capacity = TenureCapacity(rawValue: text) else {
            body.fail("capacity", "must be one of definitive, plt, plh")
            return nil
        }
        return capacity
    }
}
