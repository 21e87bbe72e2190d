import HTTPCore

/// Collects routes and middleware at start-up, then builds the `RouterResponder`
/// the server calls. Kept separate from the responder so the running routing
/// table is immutable and needs no lock.
///
/// ```swift
/// var router = Router()
/// router.add(middleware: RequestIDMiddleware())
/// router.get("/health", options: .inline) { _, _ in .json(bytes: #"{"status":"ok"}"#) }
/// router.get("/v1/staff/{id}") { request, context in
///     let id = try context.parameters.require("id")
///     …
/// }
/// let responder = router.makeResponder()
/// ```
public struct Router: Sendable {
    var tree = RouteNode()
    var middlewares: [any Middleware] = []

    public init() {}

    /// Adds a middleware around everything added before it: the first added is the outermost.
    public mutating func add(middleware: some Middleware) {
        middlewares.append(middleware)
    }

    /// Registers `handler` for `method` on `pattern` (`/v1/webhooks/{id}/deliveries/{delivery_id}`).
    /// Parameters are whole segments; a literal segment wins over a parameter.
    /// GET routes also answer HEAD unless a HEAD route is registered.
    public mutating func on(_ method: HTTPMethod, _ pattern: String, options: RouteOptions = [],
                            handler: @escaping RouteHandler) {
        let segments = PatternSegment.parse(pattern)
        let names = segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
        let route = Route(pattern: pattern, parameterNames: names, options: options, handler: handler)
        tree.insert(route, method: method, segments: segments[...])
    }

    public mutating func get(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.get, pattern, options: options, handler: handler)
    }

    public mutating func post(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.post, pattern, options: options, handler: handler)
    }

    public mutating func put(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.put, pattern, options: options, handler: handler)
    }

    public mutating func patch(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.patch, pattern, options: options, handler: handler)
    }

    public mutating func delete(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.delete, pattern, options: options, handler: handler)
    }

    public mutating func options(_ pattern: String, options: RouteOptions = [], handler: @escaping RouteHandler) {
        on(.options, pattern, options: options, handler: handler)
    }

    /// The responder for the server; starts the work pool's threads.
    public func makeResponder(configuration: RouterResponder.Configuration = .init()) -> RouterResponder {
        RouterResponder(tree: tree, middlewares: middlewares, configuration: configuration)
    }
}
