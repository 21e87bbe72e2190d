import HTTPCore

/// Decides how a response is framed on the wire and writes its head.
///
/// The server owns framing so responders cannot get it wrong: it sets
/// `Content-Length` (or chunked / close-delimited for streams), `Date`, and
/// `Connection`, and drops bodies that the method or status forbid.
struct ResponseFraming {
    enum Body {
        case none
        case bytes([UInt8])
        case stream(@Sendable (any HTTPBodyWriter) -> Void)
    }

    let status: HTTPStatus
    private(set) var headers: HTTPHeaders
    private(set) var body: Body = .none
    private(set) var keepAlive: Bool
    private(set) var chunked = false

    /// `method` is nil for responses to requests that never parsed (errors).
    init(response: HTTPResponse, method: HTTPMethod?, version: HTTPVersion, keepAlive: Bool, date: String) {
        status = response.status
        headers = response.headers
        self.keepAlive = keepAlive
        let isHead = method == .head
        let responderLength = headers["Content-Length"]
        headers.remove("Content-Length")
        headers.remove("Transfer-Encoding")
        headers.remove("Connection")

        if status.code < 200 || status.code == 204 {
            // No content and no Content-Length, whatever the responder said.
        } else if status.code == 304 {
            if let responderLength { headers.add("Content-Length", responderLength) }
        } else {
            switch response.body {
            case .bytes(let bytes):
                if isHead {
                    // The length a GET would have; a responder that built an
                    // empty HEAD body may state it explicitly.
                    let length = bytes.isEmpty ? (responderLength ?? "0") : String(bytes.count)
                    headers.add("Content-Length", length)
                } else {
                    headers.add("Content-Length", String(bytes.count))
                    if !bytes.isEmpty { body = .bytes(bytes) }
                }
            case .stream(let produce):
                if version == .http1_1 {
                    headers.add("Transfer-Encoding", "chunked")
                    chunked = true
                } else {
                    self.keepAlive = false // HTTP/1.0: the close ends the body
                }
                if !isHead { body = .stream(produce) }
            }
        }
        if !headers.contains("Date") { headers.add("Date", date) }
        if !self.keepAlive {
            headers.add("Connection", "close")
        } else if version == .http1_0 {
            headers.add("Connection", "keep-alive")
        }
    }

    func writeHead(into buffer: inout [UInt8]) {
        HTTPResponseEncoder.writeHead(status: status, headers: headers, into: &buffer)
    }
}
