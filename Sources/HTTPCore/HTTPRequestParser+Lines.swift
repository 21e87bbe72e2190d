/// Finding CRLF-terminated lines (field lines, chunk-size lines) with their
/// length limit, judged on the bytes so far so that an over-long line is
/// refused as soon as it is over-long, whatever the read sizes.
extension HTTPRequestParser {
    /// Which kind of line is read, for the error when it is too long.
    enum LineKind {
        case header, trailer, chunkSize

        var tooLong: HTTPParseError {
            switch self {
            case .header: HTTPParseError(.requestHeaderFieldsTooLarge, "Header line too long")
            case .trailer: HTTPParseError(.requestHeaderFieldsTooLarge, "Trailer line too long")
            case .chunkSize: HTTPParseError(.badRequest, "Chunk-size line too long")
            }
        }
    }

    /// The content (CRLF excluded) of the next complete line, consumed; nil
    /// when the line is not complete yet.
    ///
    /// A line may hold `maxLength` bytes before its CRLF. Once byte number
    /// `maxLength + 1` is neither CR nor LF, or byte `maxLength + 2` is not the
    /// LF of the CRLF, the line is too long.
    mutating func nextLine(maxLength requestedMaxLength: Int, kind: LineKind) throws(HTTPParseError) -> Range<Int>? {
        let maxLength = max(0, min(requestedMaxLength, Int.max / 4))
        let lineStart = readIndex
        let searchEnd = min(buffer.count, lineStart + maxLength + 2)
        let from = scanIndex
        let lineFeed = buffer.withUnsafeBufferPointer { $0.firstIndex(of: HTTPByte.lf, from: from, to: searchEnd) }
        guard let lineFeed else {
            scanIndex = searchEnd
            let received = buffer.count - lineStart
            if received >= maxLength + 2 || (received > maxLength && buffer[lineStart + maxLength] != HTTPByte.cr) {
                throw kind.tooLong
            }
            return nil
        }
        if lineFeed - lineStart == maxLength + 1 && buffer[lineFeed - 1] != HTTPByte.cr { throw kind.tooLong }
        guard lineFeed > lineStart, buffer[lineFeed - 1] == HTTPByte.cr else {
            throw HTTPParseError(.badRequest, "Bare LF where CRLF is required")
        }
        readIndex = lineFeed + 1
        scanIndex = readIndex
        return lineStart..<(lineFeed - 1)
    }
}
