import HTTPCore

/// Writes one JSON line per request: time (RFC 3339 UTC), request id, method,
/// path, matched route, status, duration from arrival (queueing included),
/// body bytes and remote address.
///
/// Never headers, bodies or the query string: any of them may carry a secret
/// (tokens, passwords, a NIK). Put it inside `RequestIDMiddleware` so lines
/// carry the id.
public struct AccessLogMiddleware: Middleware {
    public let sink: any LogSink
    public let isEnabled: Bool

    public init(sink: any LogSink = StandardErrorSink(), isEnabled: Bool = true) {
        self.sink = sink
        self.isEnabled = isEnabled
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        let response = next(request, &context)
        guard isEnabled else { return response }
        let elapsed = ContinuousClock.now - context.receivedAt
        let micros = elapsed.components.seconds * 1_000_000 + elapsed.components.attoseconds / 1_000_000_000_000
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("time", RFC3339.now())
        writer.field("request_id", context.requestID)
        writer.field("method", request.method.rawValue)
        writer.field("path", request.path)
        writer.field("route", context.route)
        writer.field("status", response.status.code)
        writer.field("duration_ms", Double(micros) / 1000)
        writer.key("bytes")
        if let bytes = response.body.bytes { writer.int(bytes.count) } else { writer.null() }
        writer.field("remote", context.connection.remoteAddress)
        writer.endObject()
        sink.write(line: writer.bytes)
        return response
    }
}
