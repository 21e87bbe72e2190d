import HTTPCore

/// Decides how a response is framed on the wire and writes its head.
///
/// The server owns framing so responders cannot get it wrong: it sets
/// `Content-Length` (or chunked / close-delimited for streams), `Date`, and
/// `Connection`, and drops bodies that the method or status forbid.
///
/// The responder's headers are written as they are, minus the framing fields,
/// without building a modified copy: this runs for every response.
struct ResponseFraming {
    enum Body {
        case none
        case bytes([UInt8])
        case stream(@Sendable (any HTTPBodyWriter) -> Void)
    }

    /// What goes in the `Content-Length` field the server writes.
    private enum ContentLength {
        case none
        case count(Int)
        /// The responder's own value, kept for 304 and for an empty HEAD body.
        case text(String)
    }

    let status: HTTPStatus
    /// The responder's headers; framing fields among them are skipped when written.
    let headers: HTTPHeaders
    private(set) var body: Body = .none
    private(set) var keepAlive: Bool
    private(set) var chunked = false
    private var contentLength: ContentLength = .none
    private var date: [UInt8]?
    private var connectionValue: String?
    private let isHTTP10: Bool
    /// Bytes the responder's non-framing fields take on the wire (counted once, in `scan`).
    private let responderFieldBytes: Int

    /// `method` is nil for responses to requests that never parsed (errors).
    /// `date` is the current IMF-fixdate, used unless the responder set `Date`.
    init(response: HTTPResponse, method: HTTPMethod?, version: HTTPVersion, keepAlive: Bool, date: [UInt8]) {
        status = response.status
        headers = response.headers
        self.keepAlive = keepAlive
        isHTTP10 = version == .http1_0
        let isHead = method == .head
        let scan = Self.scan(headers)
        responderFieldBytes = scan.fieldBytes

        if status.code < 200 || status.code == 204 {
            // No content and no Content-Length, whatever the responder said.
        } else if status.code == 304 {
            if let length = scan.contentLength { contentLength = .text(length) }
        } else {
            switch response.body {
            case .bytes(let bytes):
                if isHead {
                    // The length a GET would have; a responder that built an
                    // empty HEAD body may state it explicitly.
                    contentLength = bytes.isEmpty ? .text(scan.contentLength ?? "0") : .count(bytes.count)
                } else {
                    contentLength = .count(bytes.count)
                    if !bytes.isEmpty { body = .bytes(bytes) }
                }
            case .stream(let produce):
                if version == .http1_1 {
                    chunked = true
                } else {
                    self.keepAlive = false // HTTP/1.0: the close ends the body
                }
                if !isHead { body = .stream(produce) }
            }
        }
        if !scan.hasDate { self.date = date }
        if !self.keepAlive {
            connectionValue = "close"
        } else if isHTTP10 {
            connectionValue = "keep-alive"
        }
    }

    /// In one pass over the responder's fields: its `Content-Length` (first
    /// one), whether it set `Date`, and the bytes its other fields will take.
    private static func scan(_ headers: HTTPHeaders) -> (contentLength: String?, hasDate: Bool, fieldBytes: Int) {
        var contentLength: String?
        var hasDate = false
        var fieldBytes = 0
        for field in headers.fields {
            if isFramingField(field.name) {
                if contentLength == nil && field.name.utf8.count == 14 { contentLength = field.value }
                continue
            }
            if field.name.utf8.count == 4 && field.name.asciiCaseInsensitiveEquals("Date") { hasDate = true }
            fieldBytes += HeadBytesWriter.fieldCount(field.name, field.value)
        }
        return (contentLength, hasDate, fieldBytes)
    }

    /// True for the fields the server always writes itself.
    private static func isFramingField(_ name: String) -> Bool {
        switch name.utf8.count {
        case 10: name.asciiCaseInsensitiveEquals("Connection")
        case 14: name.asciiCaseInsensitiveEquals("Content-Length")
        case 17: name.asciiCaseInsensitiveEquals("Transfer-Encoding")
        default: false
        }
    }

    /// Appends the status line, the responder's fields, then the framing fields.
    func writeHead(into buffer: inout [UInt8]) {
        let headCount = self.headCount
        buffer.reserveCapacity(buffer.count + headCount + bodyCount)
        let threeDigitStatus = (100...999).contains(status.code)
        if !threeDigitStatus { HTTPResponseEncoder.writeStatusLine(status, into: &buffer) }
        HeadBytesWriter.append(count: headCount - (threeDigitStatus ? 0 : HeadBytesWriter.statusLineCount(status)), to: &buffer) { writer in
            if threeDigitStatus { writer.statusLine(status) }
            for field in headers.fields where !Self.isFramingField(field.name) {
                writer.field(field.name, field.value)
            }
            switch contentLength {
            case .none: break
            case .count(let count): writer.field("Content-Length", decimal: count)
            case .text(let text): writer.field("Content-Length", text)
            }
            if chunked { writer.field("Transfer-Encoding", "chunked") }
            if let date { writer.field("Date", bytes: date) }
            if let connectionValue { writer.field("Connection", connectionValue) }
            writer.crlf()
        }
    }

    /// The exact size of the head `writeHead` writes (status line counted as three digits).
    private var headCount: Int {
        var count = HeadBytesWriter.statusLineCount(status) + 2 + responderFieldBytes
        switch contentLength {
        case .none: break
        case .count(let length): count += HeadBytesWriter.fieldCount("Content-Length", decimal: length)
        case .text(let text): count += HeadBytesWriter.fieldCount("Content-Length", text)
        }
        if chunked { count += HeadBytesWriter.fieldCount("Transfer-Encoding", "chunked") }
        if let date { count += "Date".utf8.count + date.count + 4 }
        if let connectionValue { count += HeadBytesWriter.fieldCount("Connection", connectionValue) }
        return count
    }

    /// Head and body together (the body bytes right after the head), so that
    /// one buffer, one `send` and, under TLS, one record carry a small response.
    func writeHeadAndBody(into buffer: inout [UInt8]) {
        writeHead(into: &buffer)
        if case .bytes(let bytes) = body { buffer.append(contentsOf: bytes) }
    }

    private var bodyCount: Int {
        if case .bytes(let bytes) = body { return bytes.count }
        return 0
    }
}
