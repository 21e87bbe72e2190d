import Web

/// Webhooks and the live queue, configured together.
public struct EventConfiguration: Sendable {
    /// `KLIPSO_WEBHOOKS_ALLOW_LOOPBACK_HTTP`: plain `http` (and any URL) to loopback addresses.
    public var webhooksAllowLoopbackHTTP = false
    public var delivery = WebhookDeliveryConfiguration()
    public var queue = QueueEventConfiguration()

    public init() {}
}

/// The background parts of webhooks and the live queue, and their routes.
///
/// Why it exists: the composition root builds one, installs its routes, starts it after the
/// server and stops it before (so open event streams end and deliveries stop cleanly).
public final class EventServices: Sendable {
    public let policy: WebhookURLPolicy
    public let worker: WebhookDeliveryWorker
    public let hub: QueueEventHub
    private let services: APIServices

    public init(services: APIServices, configuration: EventConfiguration) {
        self.services = services
        policy = WebhookURLPolicy(allowLoopbackHTTP: configuration.webhooksAllowLoopbackHTTP)
        worker = WebhookDeliveryWorker(services: services, policy: policy, configuration: configuration.delivery)
        hub = QueueEventHub(store: services.store, configuration: configuration.queue)
    }

    /// `/v1/webhooks…` and `/v1/queue/events`.
    public func install(into router: inout Router) {
        WebhookRoutes.install(into: &router, services: services, policy: policy)
        QueueEventRoutes.install(into: &router, services: services, hub: hub)
    }

    public func start() throws {
        try hub.start()
        worker.start()
    }

    public func stop() {
        hub.stop()
        worker.stop()
    }
}
