/// The parts of a successful response an idempotent retry gets back.
///
/// Why it exists: a retried `POST` must receive what the first one received (status, body,
/// `Location`, `ETag`) without running again. The body is stored sealed by the caller (it
/// may hold a NIK or a newly issued API key), so storage never sees it in the clear.
public struct StoredResponse: Sendable, Equatable {
    public var statusCode: Int
    public var contentType: String?
    public var location: String?
    public var etag: String?
    /// The body as the caller sealed it.
    public var sealedBody: [UInt8]

    public init(statusCode: Int, contentType: String?, location: String?, etag: String?, sealedBody: [UInt8]) {
        self.statusCode = statusCode
        self.contentType = contentType
        self.location = location
        self.etag = etag
        self.sealedBody = sealedBody
    }
}

/// What reserving an idempotency key found.
public enum IdempotencyReservation: Sendable, Equatable {
    /// The key is now this request's: run the handler, then complete or release it.
    case reserved
    /// The first request with this key and body is still running (or died within its lease).
    case inFlight
    /// The key was used with another method, path or body.
    case fingerprintMismatch
    /// The first request finished; this is its response.
    case completed(StoredResponse)
}
