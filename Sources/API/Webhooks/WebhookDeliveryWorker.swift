import Cryptography
import Dispatch
import Domain
import Foundation
import Storage
import Synchronization
import Web

/// How the delivery worker runs; the defaults suit production, tests shorten the intervals.
public struct WebhookDeliveryConfiguration: Sendable {
    /// How often an idle thread looks for new events and due deliveries.
    public var pollInterval: Double = 0.5
    /// Deliveries attempted at once by this instance.
    public var threads: Int = 2
    /// How long a claimed delivery stays reserved for this instance (longer than any attempt).
    public var lease: TimeInterval = 60
    public var retry = DeliveryRetryPolicy()
    public var connectTimeout: Double = 5
    public var responseTimeout: Double = 10

    public init() {}
}

/// Background threads that turn outbox events into webhook deliveries and attempt them.
///
/// Why it exists: deliveries happen after the change committed, possibly on another instance,
/// and must survive restarts; so each pass fans new outbox events out into delivery rows and
/// claims due ones in one transaction, then attempts them outside any transaction and records
/// the result (2xx acknowledges; anything else is retried per ``DeliveryRetryPolicy``). A fixed
/// number of threads bounds the work; ``stop(timeout:)`` ends them.
public final class WebhookDeliveryWorker: Sendable {
    private let services: APIServices
    private let client: WebhookHTTPClient
    private let configuration: WebhookDeliveryConfiguration
    private let running = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(services: APIServices, policy: WebhookURLPolicy, configuration: WebhookDeliveryConfiguration) {
        self.services = services
        self.configuration = configuration
        client = WebhookHTTPClient(policy: policy, connectTimeout: configuration.connectTimeout,
                                   responseTimeout: configuration.responseTimeout)
    }

    public func start() {
        let alreadyRunning = running.withLock { running in
            defer { running = true }
            return running
        }
        guard !alreadyRunning else { return }
        for index in 0..<max(1, configuration.threads) {
            let thread = Thread { [self] in run() }
            thread.name = "klipso-webhooks-\(index)"
            thread.start()
        }
    }

    /// Asks the threads to stop and waits up to `timeout` seconds for them (an attempt in
    /// flight ends within its own time limits).
    public func stop(timeout: Double = 15) {
        let wasRunning = running.withLock { running in
            defer { running = false }
            return running
        }
        guard wasRunning else { return }
        let count = max(1, configuration.threads)
        for _ in 0..<count { wake.signal() }
        let deadline = DispatchTime.now() + timeout
        for _ in 0..<count where finished.wait(timeout: deadline) == .timedOut { break }
    }

    private var isRunning: Bool { running.withLock { $0 } }

    private func run() {
        while isRunning {
            let attempted = (try? pass()) ?? 0
            if attempted == 0 && isRunning { _ = wake.wait(timeout: .now() + configuration.pollInterval) }
        }
        finished.signal()
    }

    /// One round: fan out, claim one due delivery, attempt it. Returns how many were attempted.
    @discardableResult
    public func pass() throws -> Int {
        let now = services.clock.now()
        let token = services.ids.nextRawValue()
        let lease = configuration.lease
        let claimed = try services.store.write(requestID: nil, actor: .system) { writer in
            try writer.webhookDeliveries.fanOut(now: now)
            return try writer.webhookDeliveries.claim(now: now, limit: 1, lease: lease, token: token)
        }
        for claim in claimed {
            let result = attempt(claim)
            let retry = configuration.retry
            try services.store.write(requestID: nil, actor: .system) { writer in
                try writer.webhookDeliveries.finish(claim, result: result, now: services.clock.now(), policy: retry)
            }
        }
        return claimed.count
    }

    func attempt(_ claim: ClaimedDelivery) -> DeliveryAttemptResult {
        let secret: String
        do {
            secret = try services.personalDataKeys.open(claim.sealedSecret, associatedData: WebhookSecret.binding(claim.webhookID))
        } catch {
            return DeliveryAttemptResult(statusCode: nil, error: "the webhook secret cannot be opened with this data key")
        }
        let body = WebhookEventBody.encode(claim.event, timestamps: services.timestamps)
        let timestamp = Int64(services.clock.now().timeIntervalSince1970)
        let headers = [("Content-Type", "application/json"), ("Klipso-Event-Id", claim.event.id),
                       (WebhookSignature.headerName, WebhookSignature.header(secret: secret, timestamp: timestamp, body: body))]
        do {
            let status = try client.post(claim.url, headers: headers, body: body)
            let acknowledged = (200...299).contains(status)
            return DeliveryAttemptResult(statusCode: status, error: acknowledged ? nil : "HTTP \(status) from receiver")
        } catch {
            return DeliveryAttemptResult(statusCode: nil, error: error.message)
        }
    }
}

/// The sealing of webhook secrets under the personal-data key, bound to the webhook's id.
enum WebhookSecret {
    static func binding(_ webhookID: String) -> String { "webhook-secret:" + webhookID }
}

/// The delivered JSON: `{"id","type","created_at","data"}`.
enum WebhookEventBody {
    static func encode(_ event: OutboxEvent, timestamps: OfficeTimestamps) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256 + event.dataJSON.utf8.count)
        writer.beginObject()
        writer.field("id", event.id)
        writer.field("type", event.type)
        writer.field("created_at", timestamps.format(event.createdAt))
        writer.key("data")
        writer.raw(Array(event.dataJSON.utf8))
        writer.endObject()
        return writer.bytes
    }
}
