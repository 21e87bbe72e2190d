/// Serialises response heads and chunked framing onto a byte buffer.
public enum HTTPResponseEncoder {
    /// Appends `HTTP/1.1 <code> <reason>\r\n`, each header line, and the blank line.
    /// The server always answers as HTTP/1.1 (RFC 9110 §6.2), also to HTTP/1.0 clients.
    public static func writeHead(status: HTTPStatus, headers: HTTPHeaders, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\n".utf8)
        for field in headers {
            buffer.append(contentsOf: field.name.utf8)
            buffer.append(contentsOf: ": ".utf8)
            buffer.append(contentsOf: field.value.utf8)
            buffer.append(contentsOf: "\r\n".utf8)
        }
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// Appends one chunk of a chunked body (nothing for an empty chunk: use `writeLastChunk`).
    public static func writeChunk(_ bytes: [UInt8], into buffer: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        buffer.append(contentsOf: String(bytes.count, radix: 16).utf8)
        buffer.append(contentsOf: "\r\n".utf8)
        buffer.append(contentsOf: bytes)
        buffer.append(contentsOf: "\r\n".utf8)
    }

    /// Appends the terminating zero-length chunk with no trailers.
    public static func writeLastChunk(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: "0\r\n\r\n".utf8)
    }
}
