/// The body: a fixed length, or chunks with extensions and trailers, up to the `.end` event.
extension HTTPRequestParser {
    mutating func readFixedBody(remaining: Int) -> Step {
        guard let bytes = takeBodyBytes(upTo: remaining) else { return .needMore }
        stage = bytes.count == remaining ? .end : .fixedBody(remaining: remaining - bytes.count)
        return .event(.body(bytes))
    }

    mutating func readChunkSizeLine() throws(HTTPParseError) -> Step {
        guard let line = try nextLine(maxLength: limits.maxChunkLineLength, kind: .chunkSize) else { return .needMore }
        let size = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try HTTPChunkSizeLine.parse(bytes, line)
        }
        if size == 0 {
            stage = .trailerLines
            return .proceed
        }
        let allowance = limits.maxBodyLength - chunkedBodyLength
        guard allowance >= 0, size <= UInt64(allowance) else {
            throw HTTPParseError(.contentTooLarge, "Chunked body exceeds the body limit")
        }
        chunkedBodyLength += Int(size)
        stage = .chunkData(remaining: Int(size))
        return .proceed
    }

    mutating func readChunkData(remaining: Int) -> Step {
        guard let bytes = takeBodyBytes(upTo: remaining) else { return .needMore }
        stage = bytes.count == remaining ? .chunkDataEnd : .chunkData(remaining: remaining - bytes.count)
        return .event(.body(bytes))
    }

    /// The CRLF after a chunk's data, judged byte by byte.
    mutating func readChunkDataEnd() throws(HTTPParseError) -> Step {
        let available = buffer.count - readIndex
        if available >= 1 && buffer[readIndex] != HTTPByte.cr {
            throw HTTPParseError(.badRequest, "Chunk data not followed by CRLF")
        }
        if available >= 2 && buffer[readIndex + 1] != HTTPByte.lf {
            throw HTTPParseError(.badRequest, "Bare CR after chunk data")
        }
        guard available >= 2 else { return .needMore }
        consume(2)
        stage = .chunkSizeLine
        return .proceed
    }

    /// A trailer field: validated like a header field, bounded like one, then discarded.
    mutating func readTrailerLine() throws(HTTPParseError) -> Step {
        guard let line = try nextLine(maxLength: limits.maxHeaderLineLength, kind: .trailer) else { return .needMore }
        if line.isEmpty {
            stage = .end
            return .proceed
        }
        guard trailerCount < limits.maxHeaderCount else {
            throw HTTPParseError(.requestHeaderFieldsTooLarge, "Too many trailer fields")
        }
        _ = try buffer.withUnsafeBufferPointer { bytes throws(HTTPParseError) in
            try HTTPFieldLine.parse(bytes, line)
        }
        trailerCount += 1
        return .proceed
    }

    /// Up to `limit` buffered body bytes, consumed; nil when none are buffered.
    private mutating func takeBodyBytes(upTo limit: Int) -> [UInt8]? {
        let count = min(buffer.count - readIndex, limit)
        guard count > 0 else { return nil }
        let bytes = Array(buffer[readIndex..<(readIndex + count)])
        consume(count)
        return bytes
    }
}
