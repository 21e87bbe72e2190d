import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `/v1/staff` and `/v1/staff/{id}`: staff accounts, for administrators only.
enum StaffRoutes {
    static let created = AuditAction(rawValue: "staff.created")
    static let updated = AuditAction(rawValue: "staff.updated")

    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/staff") { request, context in try create(request, context, services) }
        router.get("/v1/staff") { request, context in
            _ = try context.requireRole(.admin)
            let list = try ListParameters(request.queryItems, list: "staff")
            let page = try services.store.read { try $0.staffAccounts.list(list.page) }
            return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
                StaffPayloads.write($0, services, to: &$1)
            }
        }
        router.get("/v1/staff/{id}") { request, context in
            _ = try context.requireRole(.admin)
            let record = try find(try context.parameters.require("id"), services)
            return respond(request, record, services)
        }
        router.patch("/v1/staff/{id}") { request, context in try update(request, context, services) }
    }

    static func find(_ rawID: String, _ services: APIServices) throws -> StaffRecord {
        guard let id = StaffID(parsing: rawID),
              let record = try services.store.read({ try $0.staffAccounts.get(id: id) }) else {
            throw HTTPError.notFound("No staff member \(rawID).")
        }
        return record
    }

    static func respond(_ request: HTTPRequest, _ record: StaffRecord, _ services: APIServices,
                        status: HTTPStatus = .ok, location: String? = nil) -> HTTPResponse {
        ResourceResponse.single(request, version: record.staff.version, status: status, location: location) {
            StaffPayloads.write(record, services, to: &$0)
        }
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        var body = try BodyReader(request, allowed: StaffPayloads.fields)
        let nip = body.nullableString("nip")
        let name = body.string("name")
        let username = body.string("username")
        let roles = body.stringArray("roles") ?? []
        let isActive = body.bool("is_active") ?? true
        let password = body.string("password")
        StaffPayloads.checkPassword(password, into: &body)
        let today = services.clock.today()
        let nipText: String? = if case .value(let text) = nip { text } else { nil }
        var staff: Staff?
        if let name, let username {
            staff = body.collect { () throws(ValidationError) in
                try Staff.validated(id: services.ids.next(), nip: nipText, name: name, username: username,
                                    roles: roles, today: today)
            }
        }
        try body.finish()
        guard var staff, let password else { throw HTTPError.badRequest() }
        staff.isActive = isActive
        let hash = try services.passwordHasher.hash(password)
        let now = services.clock.now()
        let record = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            try writer.staffAccounts.insert(staff, passwordHash: hash, at: now)
            try writer.record(AuditSummary(action: created, resourceType: "staff", resourceID: staff.id.rawValue,
                                           actorID: admin.id, occurredAt: now, before: nil,
                                           after: StaffPayloads.auditFields(staff)))
            return StaffRecord(staff: staff, passwordHash: hash, createdAt: now, updatedAt: now)
        }
        return respond(request, record, services, status: .created, location: "/v1/staff/\(staff.id.rawValue)")
    }

    static func update(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        let rawID = try context.parameters.require("id")
        guard let id = StaffID(parsing: rawID) else { throw HTTPError.notFound("No staff member \(rawID).") }
        var body = try BodyReader(request, allowed: StaffPayloads.fields, mergePatch: true)
        let changes = StaffChanges(&body, today: services.clock.today())
        try body.finish()
        let hash = try changes.password.map { try services.passwordHasher.hash($0) }
        let now = services.clock.now()
        let record = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            guard let current = try writer.staffAccounts.get(id: id) else {
                throw HTTPError.notFound("No staff member \(rawID).")
            }
            try EntityTags.requireMatch(request, version: current.staff.version)
            let changed = changes.applied(to: current.staff)
            if id == admin.id, !changed.isActive || !changed.roles.contains(.admin) {
                throw HTTPError.conflict("An administrator cannot remove their own admin role or deactivate themselves.")
            }
            guard let stored = try writer.staffAccounts.update(changed, newPasswordHash: hash,
                                                              expectedVersion: current.staff.version, at: now) else {
                throw HTTPError.preconditionFailed("The staff member changed meanwhile; fetch it again.")
            }
            if !stored.staff.isActive || (hash != nil && id != admin.id) {
                try writer.accessTokens.revokeAll(staffID: id, at: now)
            }
            var after = StaffPayloads.auditFields(stored.staff)
            if hash != nil { after["password_changed"] = "true" }
            try writer.record(AuditSummary(action: updated, resourceType: "staff", resourceID: id.rawValue,
                                           actorID: admin.id, occurredAt: now,
                                           before: StaffPayloads.auditFields(current.staff), after: after))
            return stored
        }
        return respond(request, record, services)
    }
}
