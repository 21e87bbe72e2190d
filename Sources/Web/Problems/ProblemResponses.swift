import HTTPCore

/// Renders problems as responses, for the router and for the socket server,
/// which answers parser-level errors (414, 431, …) before any router runs.
public enum ProblemResponses {
    /// Where problem type slugs point unless configured otherwise.
    public static let defaultTypeBase = "https://klipso.example/problems/"

    /// A complete `application/problem+json` response for `problem`.
    public static func response(for problem: ProblemDetails, status: HTTPStatus, headers: HTTPHeaders = HTTPHeaders(),
                                typeBase: String = defaultTypeBase) -> HTTPResponse {
        var allHeaders = headers
        allHeaders.set("Content-Type", ContentType.problemJSON)
        return HTTPResponse(status: status, headers: allHeaders, body: .bytes(problem.jsonBytes(typeBase: typeBase)))
    }

    /// The problem for a request the parser rejected; give it to the server as its
    /// `(HTTPStatus, String) -> HTTPResponse` renderer.
    public static func parserError(status: HTTPStatus, reason: String, typeBase: String = defaultTypeBase) -> HTTPResponse {
        let problem = ProblemDetails(type: slug(for: status), title: status.reasonPhrase, status: status.code, detail: reason)
        return response(for: problem, status: status, typeBase: typeBase)
    }

    /// `Content Too Large` → `content-too-large`.
    static func slug(for status: HTTPStatus) -> String {
        var slug = ""
        var pendingDash = false
        for scalar in status.reasonPhrase.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !slug.isEmpty { slug.append("-") }
                pendingDash = false
                slug.unicodeScalars.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingDash = true
            }
        }
        return slug.isEmpty ? "about:blank" : slug
    }
}
