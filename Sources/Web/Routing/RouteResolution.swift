import HTTPCore

/// What the routing table says about a request, before anything runs.
enum RouteResolution {
    case route(Route, Parameters)
    case failure(HTTPError)

    static func resolve(method: HTTPMethod, path: String, in tree: RouteNode) -> RouteResolution {
        let segments: [String]
        do {
            guard let decoded = try PathSegments.decode(path) else { return .failure(.notFound()) }
            segments = decoded
        } catch {
            return .failure(.badRequest(error.reason))
        }
        var values: [String] = []
        values.reserveCapacity(4)
        guard let routes = tree.match(segments[...], values: &values) else {
            return .failure(.notFound("No resource at this path."))
        }
        guard let route = routes[method] ?? (method == .head ? routes[.get] : nil) else {
            return .failure(.methodNotAllowed(allow: allowedMethods(routes), "\(method) is not supported on this resource."))
        }
        let parameters = Parameters(zip(route.parameterNames, values).map { (name: $0.0, value: $0.1) })
        return .route(route, parameters)
    }

    private static let order: [HTTPMethod] = [.get, .head, .post, .put, .patch, .delete, .options]

    /// The methods of a resource for `Allow`: HEAD whenever GET exists, in a fixed order.
    static func allowedMethods(_ routes: [HTTPMethod: Route]) -> [HTTPMethod] {
        var methods = Set(routes.keys)
        if methods.contains(.get) { methods.insert(.head) }
        let known = order.filter { methods.contains($0) }
        let others = methods.subtracting(order).sorted { $0.rawValue < $1.rawValue }
        return known + others
    }
}
