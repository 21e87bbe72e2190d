import HTTPCore

/// What the routing table says about a request, before anything runs.
enum RouteResolution {
    case route(Route, Parameters)
    case failure(HTTPError)

    static func resolve(method: HTTPMethod, path: String, in tree: RouteNode, literals: LiteralRouteIndex) -> RouteResolution {
        // A path without escapes that names a parameterless route exactly is what
        // the tree would find too (literals win at every level): one hash lookup.
        if let routes = literals.routes(at: path) {
            return select(method, from: routes, parameters: [])
        }
        return resolve(method: method, path: path, in: tree)
    }

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
        return select(method, from: routes, parameters: values)
    }

    private static func select(_ method: HTTPMethod, from routes: [HTTPMethod: Route], parameters values: [String]) -> RouteResolution {
        guard let route = routes[method] ?? (method == .head ? routes[.get] : nil) else {
            return .failure(.methodNotAllowed(allow: allowedMethods(routes), "\(method) is not supported on this resource."))
        }
        if values.isEmpty { return .route(route, Parameters()) }
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

/// The routes whose patterns have no parameters, by their exact path, so the
/// commonest requests (`/health`) skip splitting the path into segments.
struct LiteralRouteIndex: Sendable {
    private var byPath: [String: [HTTPMethod: Route]] = [:]

    init(_ tree: RouteNode) {
        collect(tree, prefix: "")
    }

    private mutating func collect(_ node: RouteNode, prefix: String) {
        // A key with `%` could equal a raw path that decodes to something else:
        // such routes (and their subtrees) are left to the tree. Keys without
        // one only equal paths without escapes, whose segments need no decoding.
        guard !prefix.utf8.contains(UInt8(ascii: "%")) else { return }
        if !node.routes.isEmpty { byPath[prefix.isEmpty ? "/" : prefix] = node.routes }
        for (segment, child) in node.literals { collect(child, prefix: prefix + "/" + segment) }
    }

    /// The routes at `path` when it is exactly a parameterless route's path.
    func routes(at path: String) -> [HTTPMethod: Route]? {
        byPath[path]
    }
}
