import HTTPCore

/// The web layer as the server sees it: resolves the route, then runs the
/// middleware chain and handler inline (for `.inline` routes and for answers
/// known without a handler: 400, 404, 405) or on the blocking work pool, and
/// calls `completion` exactly once from wherever the work finished.
public final class RouterResponder: HTTPResponder, Sendable {
    /// Settings with defaults; the executable fills it from its configuration.
    public struct Configuration: Sendable {
        /// Threads running blocking handlers.
        public var workerThreads: Int = 32
        /// Requests waiting for a worker before new ones are answered 503.
        public var maxQueuedRequests: Int = 1024
        /// `Retry-After` on the 503 sent when the queue is full.
        public var busyRetryAfterSeconds: Int = 1
        /// Problem type base URI and where unexpected errors are logged.
        public var errors: ErrorResponder = ErrorResponder()

        public init() {}
    }

    private let tree: RouteNode
    private let literalRoutes: LiteralRouteIndex
    private let chain: MiddlewareChain
    private let pool: BlockingWorkPool
    private let busyRetryAfterSeconds: Int

    init(tree: RouteNode, middlewares: [any Middleware], configuration: Configuration) {
        self.tree = tree
        literalRoutes = LiteralRouteIndex(tree)
        chain = MiddlewareChain(middlewares: middlewares, errors: configuration.errors)
        pool = BlockingWorkPool(threadCount: configuration.workerThreads,
                                queueCapacity: configuration.maxQueuedRequests, name: "klipso-web")
        busyRetryAfterSeconds = configuration.busyRetryAfterSeconds
    }

    public func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        let receivedAt = ContinuousClock.now
        switch RouteResolution.resolve(method: request.method, path: request.path, in: tree, literals: literalRoutes) {
        case .failure(let error):
            var context = RequestContext(connection: request.connection, receivedAt: receivedAt)
            completion(chain.run(request, context: &context) { _, _ in throw error })
        case .route(let route, let parameters):
            var context = RequestContext(connection: request.connection, receivedAt: receivedAt,
                                         route: route.pattern, parameters: parameters,
                                         isInline: route.options.contains(.inline))
            if route.options.contains(.inline) {
                completion(chain.run(request, context: &context, endpoint: route.handler))
                return
            }
            let chain = self.chain
            let accepted = pool.submit { [context] in
                var context = context
                completion(chain.run(request, context: &context, endpoint: route.handler))
            }
            if !accepted {
                context.isInline = true
                let busy = HTTPError.serviceUnavailable(retryAfter: busyRetryAfterSeconds, "The server is busy; retry shortly.")
                completion(chain.run(request, context: &context) { _, _ in throw busy })
            }
        }
    }

    /// Requests waiting for a worker thread (for metrics).
    public var queuedRequests: Int { pool.queuedCount }

    /// Stops taking blocking work; queued requests still complete. Waits up to
    /// `timeout` for the workers to finish and says whether they did.
    @discardableResult
    public func shutdown(timeout: Duration = .seconds(10)) -> Bool {
        pool.shutdown()
        return pool.waitUntilStopped(timeout: timeout)
    }
}
