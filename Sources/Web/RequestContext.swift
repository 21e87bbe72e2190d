import HTTPCore

/// Everything the web layer knows about a request besides the request itself:
/// its id, the matched route and its parameters, the connection, when it arrived,
/// and values middleware hands to handlers (the authenticated principal, say).
///
/// A value type passed `inout` along the middleware chain, so whatever a
/// middleware sets is seen by everything inside it and, after `next` returns,
/// by itself; it is never shared between threads.
public struct RequestContext: Sendable {
    /// Set by `RequestIDMiddleware`; empty until then.
    public var requestID: String = ""
    /// The matched route's pattern (`/v1/staff/{id}`), nil when no route matched:
    /// a bounded label for metrics, unlike the raw path.
    public internal(set) var route: String?
    public internal(set) var parameters: Parameters
    /// True when running on the calling event-loop thread (an `.inline` route, or
    /// an answer the router decided itself: 400, 404, 405, 503). Middleware must
    /// not block then: skip blocking work (a database lookup) or defer it to a handler.
    public internal(set) var isInline: Bool = true
    public let connection: ConnectionInfo
    /// When the responder received the request (monotonic), to measure latency including queueing.
    public let receivedAt: ContinuousClock.Instant
    public var storage: RequestStorage = RequestStorage()

    public init(connection: ConnectionInfo, receivedAt: ContinuousClock.Instant = .now,
                route: String? = nil, parameters: Parameters = Parameters(), isInline: Bool = true) {
        self.connection = connection
        self.isInline = isInline
        self.receivedAt = receivedAt
        self.route = route
        self.parameters = parameters
    }
}

/// Path parameters of the matched route, already percent-decoded.
public struct Parameters: Sendable, Equatable {
    public private(set) var values: [(name: String, value: String)] = []

    public init() {}
    public init(_ values: [(name: String, value: String)]) { self.values = values }

    public subscript(name: String) -> String? {
        values.first { $0.name == name }?.value
    }

    /// The parameter; throws when the route has no such parameter, a programming
    /// error answered with a logged 500 instead of a crash.
    public func require(_ name: String) throws(MissingParameterError) -> String {
        guard let value = self[name] else { throw MissingParameterError(name: name) }
        return value
    }

    public static func == (lhs: Parameters, rhs: Parameters) -> Bool {
        lhs.values.elementsEqual(rhs.values) { $0.name == $1.name && $0.value == $1.value }
    }
}

/// A handler asked for a path parameter its route does not declare.
public struct MissingParameterError: Error, Sendable, CustomStringConvertible {
    public let name: String
    public var description: String { "route has no path parameter named \(name)" }
}

/// The key of a typed value stored in a `RequestContext` by middleware.
/// Declare one caseless enum per value: `enum PrincipalKey: RequestStorageKey { typealias Value = Principal }`.
public protocol RequestStorageKey {
    associatedtype Value: Sendable
}

/// Typed slots for middleware-provided values, keyed by type so two modules
/// cannot collide on a string.
public struct RequestStorage: Sendable {
    private var values: [ObjectIdentifier: any Sendable] = [:]

    public init() {}

    public subscript<Key: RequestStorageKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
