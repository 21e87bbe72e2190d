import HTTPCore

/// Gzips large compressible bodies for clients that accept it, saving most of
/// the bandwidth of JSON lists and CSV reports.
///
/// Skips bodies that are streamed, small, already encoded, of a status without
/// content, marked `Cache-Control: no-transform`, or not text-like. Adds
/// `Vary: Accept-Encoding` whenever the answer depended on that header, so a
/// cache never serves gzip to a client that did not ask for it (or the reverse).
public struct CompressionMiddleware: Middleware {
    /// Bodies smaller than this are sent as they are: gzip's overhead outweighs the saving.
    public var minimumSize: Int
    /// zlib level, 1 (fast) to 9 (small).
    public var level: Int32

    public init(minimumSize: Int = 1024, level: Int32 = 6) {
        self.minimumSize = minimumSize
        self.level = level
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        var response = next(request, &context)
        guard let body = response.body.bytes, body.count >= minimumSize, response.status.allowsBody,
              !response.headers.contains("Content-Encoding"),
              !response.headers.containsToken("no-transform", in: "Cache-Control"),
              let contentType = response.headers["Content-Type"], Self.isCompressible(contentType) else {
            return response
        }
        Self.addVaryAcceptEncoding(&response.headers)
        guard AcceptEncoding.allowsGzip(request.headers.values("Accept-Encoding")),
              let compressed = Gzip.compress(body, level: level), compressed.count < body.count else {
            return response
        }
        response.body = .bytes(compressed)
        response.headers.set("Content-Encoding", "gzip")
        return response
    }

    /// JSON (plain, problem or any `+json`), every `text/*`, YAML.
    static func isCompressible(_ contentType: String) -> Bool {
        let type = ContentType.mediaType(of: contentType)
        return type.hasPrefix("text/") || type == "application/json" || type.hasSuffix("+json")
            || type == "application/yaml" || type == "application/x-yaml" || type.hasSuffix("+yaml")
    }

    /// Appends `Accept-Encoding` to `Vary`, keeping one field and not repeating it.
    static func addVaryAcceptEncoding(_ headers: inout HTTPHeaders) {
        if headers.containsToken("Accept-Encoding", in: "Vary") || headers.containsToken("*", in: "Vary") { return }
        let existing = headers.values("Vary").filter { !$0.trimmingASCIISpaces().isEmpty }
        headers.set("Vary", (existing + ["Accept-Encoding"]).joined(separator: ", "))
    }
}
