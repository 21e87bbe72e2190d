import Domain
import HTTPCore
import Storage
import Web

/// `/v1/webhooks`: admins subscribe URLs to event types, inspect deliveries and redeliver.
///
/// There is no PATCH (delete and create again); `DELETE` drops pending deliveries. The secret
/// is sealed under the personal-data key, bound to the webhook id, and never returned.
enum WebhookRoutes {
    static func install(into router: inout Router, services: APIServices, policy: WebhookURLPolicy) {
        router.post("/v1/webhooks") { request, context in try create(request, context, services, policy) }
        router.get("/v1/webhooks") { request, context in
            _ = try context.requireRole(.admin)
            let list = try ListParameters(request.queryItems, list: "webhooks")
            let page = try services.store.read { try $0.webhooks.list(list.page) }
            return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
                WebhookPayloads.write($0, services, to: &$1)
            }
        }
        router.get("/v1/webhooks/{id}") { request, context in
            _ = try context.requireRole(.admin)
            let webhook = try services.store.read { try existing(context, $0.webhooks) }
            return ResourceResponse.single(request, version: webhook.version) { WebhookPayloads.write(webhook, services, to: &$0) }
        }
        router.delete("/v1/webhooks/{id}") { request, context in
            let admin = try context.requireRole(.admin)
            try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
                let webhook = try existing(context, writer.webhooks)
                try EntityTags.requireMatch(request, version: webhook.version)
                _ = try writer.webhooks.delete(id: webhook.id)
                try writer.record(AuditSummary(action: AuditAction(rawValue: WebhookPayloads.deleted),
                                               resourceType: "webhook", resourceID: webhook.id, actorID: admin.id,
                                               occurredAt: services.clock.now(),
                                               before: WebhookPayloads.auditFields(webhook), after: nil))
            }
            return HTTPResponse(status: .noContent)
        }
        router.get("/v1/webhooks/{id}/deliveries") { request, context in
            _ = try context.requireRole(.admin)
            let list = try ListParameters(request.queryItems, list: "webhook_deliveries")
            let page = try services.store.read { reader in
                let webhook = try existing(context, reader.webhooks)
                return try reader.webhookDeliveries.list(webhookID: webhook.id, list.page)
            }
            return ResourceResponse.list(request, items: page.items, nextCursor: list.wrap(page.nextCursor)) {
                WebhookPayloads.write($0, services, to: &$1)
            }
        }
        router.post("/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver") { request, context in
            let admin = try context.requireRole(.admin)
            let deliveryID = try context.parameters.require("delivery_id")
            let delivery = try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
                let webhook = try existing(context, writer.webhooks)
                guard let delivery = try writer.webhookDeliveries.redeliver(id: deliveryID, webhookID: webhook.id,
                                                                           now: services.clock.now()) else {
                    throw HTTPError.notFound("No delivery \(deliveryID) of this webhook.")
                }
                return delivery
            }
            var writer = JSONWriter(reservingCapacity: 512)
            WebhookPayloads.write(delivery, services, to: &writer)
            return .json(writer: writer, status: .accepted)
        }
    }

    static func existing(_ context: RequestContext, _ webhooks: WebhookRepository) throws -> WebhookRecord {
        let id = try context.parameters.require("id")
        guard id.utf8.count <= 64, let webhook = try webhooks.get(id: id) else { throw HTTPError.notFound("No webhook \(id).") }
        return webhook
    }

    static func create(_ request: HTTPRequest, _ context: RequestContext, _ services: APIServices,
                       _ policy: WebhookURLPolicy) throws -> HTTPResponse {
        let admin = try context.requireRole(.admin)
        var body = try BodyReader(request, allowed: ["url", "events", "secret"])
        let url = body.string("url")
        if let url, let problem = policy.problem(with: url) { body.fail("url", problem) }
        let events = body.stringArray("events", required: true)
        if let events {
            if events.isEmpty { body.fail("events", "must name at least one event type") }
            if Set(events).count != events.count { body.fail("events", "must not repeat a type") }
            for type in events where !WebhookEventTypes.all.contains(type) {
                body.fail("events", "unknown event type '\(type)'; allowed: \(WebhookEventTypes.all.joined(separator: ", "))")
            }
        }
        let secret = body.string("secret")
        if let secret, !WebhookPayloads.secretLength.contains(secret.count) {
            body.fail("secret", "must be 32 to 256 characters")
        }
        try body.finish()
        guard let url, let events, let secret else { throw HTTPError.badRequest() }
        let now = services.clock.now()
        let id = services.ids.nextRawValue()
        let webhook = WebhookRecord(
            id: id, url: url, events: events,
            sealedSecret: services.personalDataKeys.seal(secret, associatedData: WebhookSecret.binding(id)),
            createdAt: now, updatedAt: now)
        try services.store.write(requestID: context.requestID, actor: .staff(admin.id)) { writer in
            try writer.webhooks.insert(webhook)
            try writer.record(AuditSummary(action: AuditAction(rawValue: WebhookPayloads.created), resourceType: "webhook",
                                           resourceID: id, actorID: admin.id, occurredAt: now, before: nil,
                                           after: WebhookPayloads.auditFields(webhook)))
        }
        return ResourceResponse.single(request, version: webhook.version, status: .created, location: "/v1/webhooks/\(id)") {
            WebhookPayloads.write(webhook, services, to: &$0)
        }
    }
}
