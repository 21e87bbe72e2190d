import HTTPCore

/// How a route runs.
public struct RouteOptions: OptionSet, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// Run on the calling (event-loop) thread instead of the work pool. Only for
    /// handlers that never block (`/health`): it saves a thread hop per request.
    public static let inline = RouteOptions(rawValue: 1)
}

/// A registered route: its pattern, handler and options.
struct Route: Sendable {
    let pattern: String
    let parameterNames: [String]
    let options: RouteOptions
    let handler: RouteHandler
}

/// One segment of a route pattern.
enum PatternSegment: Equatable {
    case literal(String)
    case parameter(String)

    /// `/v1/staff/{id}` → `[literal v1, literal staff, parameter id]`; traps on a
    /// malformed pattern, which is a programming error found at start-up.
    static func parse(_ pattern: String) -> [PatternSegment] {
        precondition(pattern.hasPrefix("/"), "route pattern must start with /: \(pattern)")
        let segments: [PatternSegment] = pattern.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map { raw in
            if raw.hasPrefix("{") && raw.hasSuffix("}") && raw.count > 2 {
                let name = String(raw.dropFirst().dropLast())
                precondition(!name.contains("{") && !name.contains("}"), "bad parameter in route pattern \(pattern)")
                return .parameter(name)
            }
            precondition(!raw.contains("{") && !raw.contains("}"), "parameters must be whole segments: \(pattern)")
            return .literal(String(raw))
        }
        let names = segments.compactMap { if case .parameter(let n) = $0 { n } else { nil } }
        precondition(Set(names).count == names.count, "duplicate parameter name in route pattern \(pattern)")
        return segments
    }
}

/// A tree with one level per path segment: literal children in a dictionary,
/// at most one parameter child. Matching costs one hash lookup per segment.
struct RouteNode: Sendable {
    var literals: [String: RouteNode] = [:]
    /// Zero or one element (an array only to make the recursive struct possible).
    var parameter: [RouteNode] = []
    var routes: [HTTPMethod: Route] = [:]

    mutating func insert(_ route: Route, method: HTTPMethod, segments: ArraySlice<PatternSegment>) {
        guard let first = segments.first else {
            precondition(routes[method] == nil, "route registered twice: \(method) \(route.pattern)")
            routes[method] = route
            return
        }
        switch first {
        case .literal(let text):
            literals[text, default: RouteNode()].insert(route, method: method, segments: segments.dropFirst())
        case .parameter:
            if parameter.isEmpty { parameter.append(RouteNode()) }
            parameter[0].insert(route, method: method, segments: segments.dropFirst())
        }
    }

    /// The routes of the first node matching `segments`, preferring literals over
    /// parameters at each level (and trying the parameter when the literal branch
    /// leads nowhere). `values` receives the parameter values, in order.
    func match(_ segments: ArraySlice<String>, values: inout [String]) -> [HTTPMethod: Route]? {
        guard let first = segments.first else { return routes.isEmpty ? nil : routes }
        let rest = segments.dropFirst()
        if let child = literals[first], let found = child.match(rest, values: &values) {
            return found
        }
        // A parameter never matches an empty segment (`/v1/staff//x`).
        if let child = parameter.first, !first.isEmpty {
            values.append(first)
            if let found = child.match(rest, values: &values) { return found }
            values.removeLast()
        }
        return nil
    }
}
