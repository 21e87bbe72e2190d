import Cryptography
import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `/v1/api-keys`: read-only credentials for integrations, managed by administrators. The
/// key is shown once, in the creation response; only its digest is stored.
enum APIKeyRoutes {
    static let created = AuditAction(rawValue: "api_key.created")
    static let revoked = AuditAction(rawValue: "api_key.revoked")

    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/api-keys") { request, context in try create(request, context, services) }
        router.get("/v1/api-keys") { request, context in
            _ = try context.requireRole(.admin)
            let list = try ListParameters(request.queryItems, list: "api_keys")
            let (page, revokers) = try services.store.read { reader in
                let page = try reader.apiKeys.list(list.page)
                let revokers = try page.items.filter { $0.revokedAt != nil }.map { ($0.id, try revoker(of: $0.id, reader)) }
                return (page, Dictionary(revokers, uniquingKeysWith: { first, _ in first }))
            }
            return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) { key, writer in
                APIKeyPayloads.write(key, revokedBy: revokers[key.id] ?? nil, services, to: &writer)
            }
        }
        router.get("/v1/api-keys/{id}") { request, context in
            _ = try context.requireRole(.admin)
            let rawID = try context.parameters.require("id")
            let (key, revokedBy) = try services.store.read { reader in
                guard let id = APIKeyID(parsing: rawID), let key = try reader.apiKeys.get(id: id) else {
                    throw HTTPError.notFound("No API key \(rawID).")
                }
                return (key, key.revokedAt == nil ? nil : try revoker(of: id, reader))
            }
            return ResourceResponse.single(request, version: APIKeyPayloads.version(key)) {
                APIKeyPayloads.write(key, revokedBy: revokedBy, services, to: &$0)
            }
        }
        router.post("/v1/api-keys/{id}/revoke") { request, context in try revoke(request, context, services) }
    }

    /// Who revoked the key, from the audit trail (the key row keeps only when).
    static func revoker(of id: APIKeyID, _ reader: StoreReader) throws -> String? {
        let filter = AuditEventFilter(resourceType: "api_key", resourceID: id.rawValue, action: revoked)
        return try reader.audit.list(filter, PageRequest(limit: 1)).items.first?.actor.id
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        var body = try BodyReader(request, allowed: ["name", "scopes", "expires_at"])
        let name = body.string("name")?.trimmingCharacters(in: .whitespacesAndNewlines)
        if let name, !APIKeyPayloads.nameLength.contains(name.count) { body.fail("name", "must be 1 to 100 characters") }
        let scopes = body.stringArray("scopes", required: true)
        if let scopes {
            if scopes.isEmpty { body.fail("scopes", "must name at least one scope") }
            for scope in scopes where !APIKeyPayloads.scopes.contains(scope) {
                body.fail("scopes", "unknown scope '\(scope)'; allowed: \(APIKeyPayloads.scopes.sorted().joined(separator: ", "))")
            }
        }
        if case .value = body.nullableString("expires_at") {
            body.fail("expires_at", "expiring keys are not supported yet; omit it or send null")
        }
        try body.finish()
        guard let name, let scopes else { throw HTTPError.badRequest() }
        let now = services.clock.now()
        let id: APIKeyID = services.ids.next()
        let secret = APIKeyPayloads.makeKey(for: id)
        let key = APIKey(id: id, name: name, scopes: scopes, createdBy: admin.id, createdAt: now)
        try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            try writer.apiKeys.insert(key, digest: TokenDigest.sha256(secret))
            try writer.record(AuditSummary(action: created, resourceType: "api_key", resourceID: id.rawValue,
                                           actorID: admin.id, occurredAt: now, before: nil,
                                           after: APIKeyPayloads.auditFields(key)))
        }
        return ResourceResponse.single(request, version: 1, status: .created, location: "/v1/api-keys/\(id.rawValue)") {
            APIKeyPayloads.write(key, revokedBy: nil, secret: secret, services, to: &$0)
        }
    }

    static func revoke(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        let rawID = try context.parameters.require("id")
        guard let id = APIKeyID(parsing: rawID) else { throw HTTPError.notFound("No API key \(rawID).") }
        let now = services.clock.now()
        let key = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            guard let before = try writer.apiKeys.get(id: id) else { throw HTTPError.notFound("No API key \(rawID).") }
            try EntityTags.requireMatch(request, version: APIKeyPayloads.version(before))
            guard before.revokedAt == nil, try writer.apiKeys.revoke(id: id, at: now) else {
                var error = HTTPError.conflict("The API key is already revoked.")
                error.extensions.append(JSONMember("current_status", .string("revoked")))
                throw error
            }
            var after = before
            after.revokedAt = now
            try writer.record(AuditSummary(action: revoked, resourceType: "api_key", resourceID: id.rawValue,
                                           actorID: admin.id, occurredAt: now,
                                           before: APIKeyPayloads.auditFields(before),
                                           after: APIKeyPayloads.auditFields(after)))
            return after
        }
        return ResourceResponse.single(request, version: APIKeyPayloads.version(key)) {
            APIKeyPayloads.write(key, revokedBy: admin.id.rawValue, services, to: &$0)
        }
    }
}
