/// One `field-name ":" OWS field-value OWS` line (RFC 9112 §5), validated on
/// bytes: used for header fields and, with the same rules, for trailer fields.
struct HTTPFieldLine {
    var name: Range<Int>
    var value: Range<Int>

    /// Validates the line `bytes[line]` (CRLF excluded) and locates name and value.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(HTTPParseError) -> HTTPFieldLine {
        var i = line.lowerBound
        let end = line.upperBound
        if HTTPByte.isWhitespace(bytes[i]) {
            throw HTTPParseError(.badRequest, "Obsolete line folding or leading whitespace in field line")
        }
        while i < end, HTTPByte.isTokenChar(bytes[i]) { i += 1 }
        guard i < end, bytes[i] == HTTPByte.colon else {
            if i < end && HTTPByte.isWhitespace(bytes[i]) {
                throw HTTPParseError(.badRequest, "Whitespace between field name and colon")
            }
            if i < end && bytes[i] == HTTPByte.cr { throw HTTPParseError(.badRequest, "Bare CR in field line") }
            throw HTTPParseError(.badRequest, i == end ? "Field line without colon" : "Invalid character in field name")
        }
        guard i > line.lowerBound else { throw HTTPParseError(.badRequest, "Empty field name") }
        let name = line.lowerBound..<i
        var valueStart = i + 1
        while valueStart < end, HTTPByte.isWhitespace(bytes[valueStart]) { valueStart += 1 }
        var valueEnd = end
        while valueEnd > valueStart, HTTPByte.isWhitespace(bytes[valueEnd - 1]) { valueEnd -= 1 }
        if let j = bytes.firstInvalidFieldValueByte(from: valueStart, to: valueEnd) {
            throw HTTPParseError(.badRequest, bytes[j] == HTTPByte.cr ? "Bare CR in field value" : "Control character in field value")
        }
        return HTTPFieldLine(name: name, value: valueStart..<valueEnd)
    }
}

/// The fields that decide where a request's body ends (and `Host`), gathered
/// while the head is read, then judged once the head is complete.
///
/// Every disagreement a front-end could resolve differently from us is an
/// error: this is where request smuggling is refused.
struct HTTPMessageFraming: Sendable {
    enum Body: Sendable, Equatable {
        case none
        case length(Int)
        case chunked
    }

    private var contentLength: Int?
    private var hasTransferEncoding = false
    private var chunkedCount = 0
    private var lastCodingIsChunked = false
    private var hasOtherCoding = false
    private var hostCount = 0

    /// Notes a header field if it is one of the framing fields.
    mutating func observe(name: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        switch name.count {
        case 4 where HTTPByte.equalsLowercase(name, "host"):
            hostCount += 1
            guard HTTPHostSyntax.isValid(value, allowEmpty: true, requirePort: false) else {
                throw HTTPParseError(.badRequest, "Invalid Host field")
            }
        case 14 where HTTPByte.equalsLowercase(name, "content-length"):
            try observeContentLength(value)
        case 17 where HTTPByte.equalsLowercase(name, "transfer-encoding"):
            try observeTransferEncoding(value)
        default:
            break
        }
    }

    /// `Content-Length: 1*DIGIT`, possibly repeated as an identical list (`5, 5`).
    private mutating func observeContentLength(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        let invalid = HTTPParseError(.badRequest, "Invalid Content-Length")
        for element in try Self.listElements(value) {
            var length = 0
            for i in element {
                let b = value[i]
                guard HTTPByte.isDigit(b) else { throw invalid }
                let (times10, overflow1) = length.multipliedReportingOverflow(by: 10)
                let (sum, overflow2) = times10.addingReportingOverflow(Int(b - 0x30))
                guard !overflow1, !overflow2 else { throw invalid }
                length = sum
            }
            if let existing = contentLength, existing != length {
                throw HTTPParseError(.badRequest, "Conflicting Content-Length values")
            }
            contentLength = length
        }
    }

    /// `Transfer-Encoding: 1#transfer-coding`; codings of several fields form one list.
    private mutating func observeTransferEncoding(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) {
        hasTransferEncoding = true
        for element in try Self.listElements(value) {
            for i in element where !HTTPByte.isTokenChar(value[i]) {
                throw HTTPParseError(.badRequest, "Malformed Transfer-Encoding")
            }
            if HTTPByte.equalsLowercase(value.slice(element), "chunked") {
                chunkedCount += 1
                lastCodingIsChunked = true
            } else {
                hasOtherCoding = true
                lastCodingIsChunked = false
            }
        }
    }

    /// The ranges of a comma-separated list's elements, OWS trimmed; an empty
    /// element (or list) is refused since framing fields must be unambiguous.
    private static func listElements(_ value: UnsafeBufferPointer<UInt8>) throws(HTTPParseError) -> [Range<Int>] {
        var elements: [Range<Int>] = []
        var start = 0
        while true {
            var end = start
            while end < value.count, value[end] != HTTPByte.comma { end += 1 }
            var lower = start, upper = end
            while lower < upper, HTTPByte.isWhitespace(value[lower]) { lower += 1 }
            while upper > lower, HTTPByte.isWhitespace(value[upper - 1]) { upper -= 1 }
            guard lower < upper else { throw HTTPParseError(.badRequest, "Empty element in a framing field") }
            elements.append(lower..<upper)
            guard end < value.count else { return elements }
            start = end + 1
        }
    }

    /// Decides the body framing once the head is complete (RFC 9112 §6.1–6.3).
    func body(version: HTTPVersion, limits: HTTPParserLimits) throws(HTTPParseError) -> Body {
        if hostCount > 1 { throw HTTPParseError(.badRequest, "More than one Host field") }
        if hostCount == 0 && version == .http1_1 { throw HTTPParseError(.badRequest, "Missing Host field") }
        if hasTransferEncoding {
            if version == .http1_0 { throw HTTPParseError(.badRequest, "Transfer-Encoding in an HTTP/1.0 request") }
            if contentLength != nil { throw HTTPParseError(.badRequest, "Both Content-Length and Transfer-Encoding") }
            if !lastCodingIsChunked { throw HTTPParseError(.badRequest, "Transfer-Encoding does not end with chunked") }
            if chunkedCount > 1 { throw HTTPParseError(.badRequest, "chunked applied more than once") }
            if hasOtherCoding { throw HTTPParseError(.notImplemented, "Unsupported transfer coding") }
            return .chunked
        }
        guard let contentLength, contentLength > 0 else { return .none }
        if contentLength > limits.maxBodyLength { throw HTTPParseError(.contentTooLarge, "Content-Length exceeds the body limit") }
        return .length(contentLength)
    }
}
