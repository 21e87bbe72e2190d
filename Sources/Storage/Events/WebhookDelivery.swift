import Foundation

/// One event's delivery to one webhook, as `GET /v1/webhooks/{id}/deliveries` shows it.
public struct WebhookDelivery: Sendable, Hashable {
    public let id: String
    public let webhookID: String
    public let eventID: String
    public let eventType: String
    /// `pending`, `delivered` or `failed` (retries gave up).
    public let status: String
    public let attempts: Int
    public let lastStatusCode: Int?
    public let lastError: String?
    public let deliveredAt: Date?
    public let nextAttemptAt: Date?
    public let createdAt: Date
}

/// A delivery this instance claimed, with everything needed to attempt it.
///
/// Why it exists: the worker attempts deliveries outside any transaction (a receiver may take
/// seconds); the claim token proves, when it reports back, that the claim is still its own.
public struct ClaimedDelivery: Sendable, Hashable {
    public let deliveryID: String
    public let claimToken: String
    public let attempts: Int
    public let createdAt: Date
    public let webhookID: String
    public let url: String
    public let sealedSecret: [UInt8]
    public let event: OutboxEvent
}

/// What one attempt came to.
public struct DeliveryAttemptResult: Sendable, Hashable {
    /// The receiver's status code, if it answered.
    public var statusCode: Int?
    /// Why it failed (status, timeout, TLS or connection error); nil on success.
    public var error: String?

    public init(statusCode: Int?, error: String?) {
        self.statusCode = statusCode
        self.error = error
    }

    /// A 2xx answer acknowledges.
    public var acknowledged: Bool { statusCode.map { (200...299).contains($0) } ?? false }
}

/// When failed deliveries are attempted again: the first retry after `firstDelay`, then
/// doubling, capped at `maximumDelay`, giving up once `giveUpAfter` has passed since the
/// delivery was queued.
public struct DeliveryRetryPolicy: Sendable, Hashable {
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    public var giveUpAfter: TimeInterval

    public init(firstDelay: TimeInterval = 5, maximumDelay: TimeInterval = 600, giveUpAfter: TimeInterval = 3 * 86_400) {
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.giveUpAfter = giveUpAfter
    }

    /// The wait after the `attempts`-th failed attempt (1-based).
    public func delay(afterAttempts attempts: Int) -> TimeInterval {
        let exponent = Double(max(0, min(attempts - 1, 30)))
        return min(firstDelay * pow(2, exponent), maximumDelay)
    }
}
