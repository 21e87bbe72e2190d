/// `chunk-size [ chunk-ext ] CRLF` (RFC 9112 §7.1): the size is read, the
/// extensions are validated and ignored.
///
/// Sizes are capped at 16 hex digits so they cannot overflow, and the body
/// limit is checked by the caller as soon as the size is known, before any
/// byte of the chunk's data is read.
enum HTTPChunkSizeLine {
    static let maxSizeDigits = 16

    /// The chunk size of the line `bytes[line]` (CRLF excluded).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) throws(HTTPParseError) -> UInt64 {
        var i = line.lowerBound
        let end = line.upperBound
        var size: UInt64 = 0
        while i < end, let digit = HTTPByte.hexValue(bytes[i]) {
            guard i - line.lowerBound < maxSizeDigits else { throw HTTPParseError(.badRequest, "Chunk size too long") }
            size = size << 4 | UInt64(digit)
            i += 1
        }
        guard i > line.lowerBound else { throw HTTPParseError(.badRequest, "Missing or invalid chunk size") }
        try validateExtensions(bytes, from: i, to: end)
        return size
    }

    /// `*( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] )`.
    private static func validateExtensions(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) throws(HTTPParseError) {
        let malformed = HTTPParseError(.badRequest, "Malformed chunk extension")
        var i = start
        func skipWhitespace() { while i < end, HTTPByte.isWhitespace(bytes[i]) { i += 1 } }
        func skipToken() -> Bool {
            let tokenStart = i
            while i < end, HTTPByte.isTokenChar(bytes[i]) { i += 1 }
            return i > tokenStart
        }
        while i < end {
            skipWhitespace()
            guard i < end, bytes[i] == HTTPByte.semicolon else { throw malformed }
            i += 1
            skipWhitespace()
            guard skipToken() else { throw malformed }
            let afterName = i
            skipWhitespace()
            guard i < end, bytes[i] == HTTPByte.equals else {
                i = afterName
                continue
            }
            i += 1
            skipWhitespace()
            guard i < end else { throw malformed }
            if bytes[i] == HTTPByte.quote {
                guard skipQuotedString(bytes, &i, end) else { throw malformed }
            } else {
                guard skipToken() else { throw malformed }
            }
        }
    }

    /// Moves `i` past a quoted-string starting at `i`; false if it is not one.
    private static func skipQuotedString(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int, _ end: Int) -> Bool {
        i += 1
        while i < end {
            let b = bytes[i]
            if b == HTTPByte.quote {
                i += 1
                return true
            }
            if b == HTTPByte.backslash {
                i += 1
                guard i < end, HTTPByte.isFieldValueChar(bytes[i]) else { return false }
            } else if !HTTPByte.isFieldValueChar(b) {
                return false
            }
            i += 1
        }
        return false
    }
}
