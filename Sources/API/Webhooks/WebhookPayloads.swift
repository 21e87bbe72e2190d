import Storage
import Web

/// The wire form of webhooks and deliveries (the secret is never written).
enum WebhookPayloads {
    static let created = "webhook.created"
    static let deleted = "webhook.deleted"
    static let secretLength = 32...256

    static func write(_ webhook: WebhookRecord, _ services: APIServices, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("id", webhook.id)
        writer.field("url", webhook.url)
        writer.field("events", strings: webhook.events)
        writer.field("version", webhook.version)
        writer.field("created_at", services.timestamps.format(webhook.createdAt))
        writer.field("updated_at", services.timestamps.format(webhook.updatedAt))
        writer.endObject()
    }

    static func write(_ delivery: WebhookDelivery, _ services: APIServices, to writer: inout JSONWriter) {
        let format = services.timestamps.format
        writer.beginObject()
        writer.field("id", delivery.id)
        writer.field("webhook_id", delivery.webhookID)
        writer.field("event_id", delivery.eventID)
        writer.field("type", delivery.eventType)
        writer.field("status", delivery.status)
        writer.field("attempts", delivery.attempts)
        writer.key("last_status_code")
        if let code = delivery.lastStatusCode { writer.int(code) } else { writer.null() }
        writer.field("delivered_at", delivery.deliveredAt.map(format))
        writer.field("next_attempt_at", delivery.nextAttemptAt.map(format))
        writer.field("last_error", delivery.lastError)
        writer.field("created_at", format(delivery.createdAt))
        writer.endObject()
    }

    /// Audit fields: the subscribed types and version; not the URL (it may embed a token).
    static func auditFields(_ webhook: WebhookRecord) -> [String: String] {
        ["events": webhook.events.joined(separator: ","), "version": String(webhook.version)]
    }
}
