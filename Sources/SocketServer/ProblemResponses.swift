import HTTPCore

/// The few responses the server writes on its own (parse errors, refusals,
/// plain HTTP on the TLS port), as RFC 9457 problem details so clients see one
/// error format whoever produced it.
public enum ProblemResponses {
    /// The default `parseErrorResponse`: a minimal `application/problem+json` body.
    @Sendable public static func parseError(_ status: HTTPStatus, _ reason: String) -> HTTPResponse {
        problem(status, detail: reason)
    }

    public static func problem(_ status: HTTPStatus, detail: String) -> HTTPResponse {
        var body = #"{"type":"about:blank","title":""#
        body += jsonEscaped(status.reasonPhrase)
        body += #"","status":\#(status.code),"detail":""#
        body += jsonEscaped(detail)
        body += #""}"#
        return HTTPResponse(status: status, headers: ["Content-Type": "application/problem+json"], body: .bytes(Array(body.utf8)))
    }

    static let serviceUnavailable = problem(.serviceUnavailable, detail: "The server is at its connection limit; retry shortly.")
    static let plainHTTPOnTLSPort = problem(.badRequest, detail: "This port speaks HTTPS; use https:// to connect.")

    static func jsonEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A complete wire response for the paths that bypass the connection
    /// machinery (refusal at the connection cap, HTTP on the TLS port).
    static func wireBytes(_ response: HTTPResponse) -> [UInt8] {
        var headers = response.headers
        let body = response.body.bytes ?? []
        headers.set("Content-Length", String(body.count))
        headers.set("Connection", "close")
        var bytes: [UInt8] = []
        HTTPResponseEncoder.writeHead(status: response.status, headers: headers, into: &bytes)
        bytes += body
        return bytes
    }
}
