import Domain
import Foundation
import HTTPCore
import OfficerAssignment
import Storage
import Web

/// `/v1/head-of-office` and its tenures: who heads the office, recorded by administrators
/// through `OfficerAssignmentService` (which refuses overlapping periods).
enum TenureRoutes {
    static func install(into router: inout Router, services: APIServices) {
        router.get("/v1/head-of-office") { request, context in
            _ = try context.requireStaff()
            let (tenure, times, name) = try services.store.read { reader in
                guard let tenure = try services.officers.currentHead(in: reader.officerAssignments) else {
                    throw HTTPError.notFound("No head-of-office tenure covers \(services.clock.today()).")
                }
                let name = try reader.staffAccounts.get(id: tenure.staffID)?.staff.name ?? ""
                return (tenure, try TenurePayloads.timestamps(of: tenure, reader), name)
            }
            return ResourceResponse.single(request, version: tenure.version) {
                TenurePayloads.write(tenure, times, staffName: name, services, to: &$0)
            }
        }
        router.post("/v1/head-of-office/tenures") { request, context in try create(request, context, services) }
        router.get("/v1/head-of-office/tenures") { request, context in
            _ = try context.requireStaff()
            let list = try ListParameters(request.queryItems, list: "tenures")
            let (items, next) = try services.store.read { reader in
                let all = try services.officers.tenures(in: reader.officerAssignments)
                let start = try list.innerCursor.map { cursor in
                    guard let index = all.firstIndex(where: { $0.id.rawValue == cursor }) else {
                        throw HTTPError.badRequest("The cursor is not valid for this list.")
                    }
                    return index + 1
                } ?? 0
                let slice = Array(all.dropFirst(start).prefix(list.limit))
                let next = start + slice.count < all.count ? slice.last?.id.rawValue : nil
                return (try slice.map { ($0, try TenurePayloads.timestamps(of: $0, reader)) }, next)
            }
            return ResourceResponse.list(request, items: items, nextCursor: list.wrap(next)) { item, writer in
                TenurePayloads.write(item.0, item.1, services, to: &writer)
            }
        }
        router.get("/v1/head-of-office/tenures/{id}") { request, context in
            _ = try context.requireStaff()
            let rawID = try context.parameters.require("id")
            let (tenure, times) = try services.store.read { reader in
                guard let id = TenureID(parsing: rawID), let tenure = try reader.officerAssignments.tenure(id: id) else {
                    throw HTTPError.notFound("No tenure \(rawID).")
                }
                return (tenure, try TenurePayloads.timestamps(of: tenure, reader))
            }
            return ResourceResponse.single(request, version: tenure.version) {
                TenurePayloads.write(tenure, times, services, to: &$0)
            }
        }
        router.patch("/v1/head-of-office/tenures/{id}") { request, context in try update(request, context, services) }
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        var body = try BodyReader(request, allowed: ["staff_id", "capacity", "decree_number", "starts_on", "ends_on"])
        let staffID = body.string("staff_id")
        let capacity = TenurePayloads.capacity(&body)
        let decree = body.string("decree_number")
        let startsOn = body.date("starts_on")
        let endsOn = body.nullableDate("ends_on")
        try body.finish()
        guard let staffID, let capacity, let decree, let startsOn else { throw HTTPError.badRequest() }
        let endDate: LocalDate? = if case .value(let date) = endsOn { date } else { nil }
        let tenureRequest = TenureRequest(staffID: StaffID(rawValue: staffID), capacity: capacity,
                                          decreeNumber: decree, startsOn: startsOn, endsOn: endDate)
        let tenure = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            let change = try services.officers.recordTenure(by: admin.id, tenureRequest, in: writer)
            try writer.record(change.audit)
            return change
        }
        let times = TenurePayloads.Timestamps(createdAt: tenure.audit.occurredAt, updatedAt: tenure.audit.occurredAt)
        return ResourceResponse.single(request, version: tenure.value.version, status: .created,
                                       location: "/v1/head-of-office/tenures/\(tenure.value.id.rawValue)") {
            TenurePayloads.write(tenure.value, times, services, to: &$0)
        }
    }

    static func update(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        let rawID = try context.parameters.require("id")
        guard let id = TenureID(parsing: rawID) else { throw HTTPError.notFound("No tenure \(rawID).") }
        var body = try BodyReader(request, allowed: ["ends_on"], mergePatch: true)
        let endsOn = body.nullableDate("ends_on")
        if case .absent = endsOn, body.problems.isEmpty { body.fail("ends_on", "is required") }
        try body.finish()
        let endDate: LocalDate? = if case .value(let date) = endsOn { date } else { nil }
        let (tenure, times) = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            guard let current = try writer.officerAssignments.tenure(id: id) else {
                throw HTTPError.notFound("No tenure \(rawID).")
            }
            try EntityTags.requireMatch(request, version: current.version)
            let change = try services.officers.setTenureEnd(by: admin.id, tenureID: id, endsOn: endDate,
                                                            expectedVersion: current.version, in: writer)
            try writer.record(change.audit)
            let first = try writer.audit.list(AuditEventFilter(resourceType: OfficerAssignmentService.tenureResourceType,
                                                               resourceID: id.rawValue),
                                              PageRequest(limit: PageRequest.maximumLimit)).items.last
            return (change.value, TenurePayloads.Timestamps(createdAt: first?.occurredAt ?? change.audit.occurredAt,
                                                            updatedAt: change.audit.occurredAt))
        }
        return ResourceResponse.single(request, version: tenure.version) {
            TenurePayloads.write(tenure, times, services, to: &$0)
        }
    }
}
