import HTTPCore

/// A step wrapped around every request (including 404s, 405s and 503s from a
/// full work pool), in the order added to the router: the first added is the
/// outermost.
///
/// Middleware runs on the handler's thread: a work-pool thread for ordinary
/// routes, the event loop when `context.isInline` (where it must not block).
///
/// `next` never throws: whatever the inner steps throw has already been turned
/// into a problem response by `ErrorResponder`, so every middleware sees a real
/// response (and can, say, stamp a request id on it). A middleware may itself
/// throw; the step outside it then sees the matching problem response.
public protocol Middleware: Sendable {
    func handle(_ request: HTTPRequest, context: inout RequestContext,
                next: (HTTPRequest, inout RequestContext) -> HTTPResponse) throws -> HTTPResponse
}

/// What a route runs: synchronous, may block (it runs on the work pool unless
/// declared `.inline`), may throw any error (see `ErrorResponder`).
public typealias RouteHandler = @Sendable (HTTPRequest, inout RequestContext) throws -> HTTPResponse

/// Runs a request through the middleware list and then an endpoint, turning
/// errors into responses at every boundary.
struct MiddlewareChain: Sendable {
    let middlewares: [any Middleware]
    let errors: ErrorResponder

    func run(_ request: HTTPRequest, context: inout RequestContext,
             endpoint: (HTTPRequest, inout RequestContext) throws -> HTTPResponse) -> HTTPResponse {
        run(at: 0, request, context: &context, endpoint: endpoint)
    }

    private func run(at index: Int, _ request: HTTPRequest, context: inout RequestContext,
                     endpoint: (HTTPRequest, inout RequestContext) throws -> HTTPResponse) -> HTTPResponse {
        do {
            guard index < middlewares.count else { return try endpoint(request, &context) }
            return try middlewares[index].handle(request, context: &context) { innerRequest, innerContext in
                run(at: index + 1, innerRequest, context: &innerContext, endpoint: endpoint)
            }
        } catch {
            return errors.response(for: error, context: context)
        }
    }
}
