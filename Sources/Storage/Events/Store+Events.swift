import Database

extension StoreReader {
    public var queueEvents: QueueEventRepository { QueueEventRepository(connection: connection) }
    public var outbox: OutboxRepository { OutboxRepository(connection: connection) }
    public var webhooks: WebhookRepository { WebhookRepository(connection: connection) }
    public var webhookDeliveries: WebhookDeliveryRepository { WebhookDeliveryRepository(connection: connection, ids: nil) }
}

extension StoreWriter {
    public var queueEvents: QueueEventRepository { QueueEventRepository(connection: connection) }
    public var outbox: OutboxRepository { OutboxRepository(connection: connection) }
    public var webhooks: WebhookRepository { WebhookRepository(connection: connection) }
    public var webhookDeliveries: WebhookDeliveryRepository { WebhookDeliveryRepository(connection: connection, ids: ids) }
}
