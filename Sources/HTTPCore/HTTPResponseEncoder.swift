/// Serialises response heads and chunked framing onto a byte buffer.
///
/// This runs once per response, so it copies each string's UTF-8 bytes in one
/// `memcpy` into room reserved up front: appending `String.UTF8View`s piecemeal
/// cost several thousand instructions per head.
public enum HTTPResponseEncoder {
    /// Appends `HTTP/1.1 <code> <reason>\r\n`, each header line, and the blank line.
    /// The server always answers as HTTP/1.1 (RFC 9110 §6.2), also to HTTP/1.0 clients.
    public static func writeHead(status: HTTPStatus, headers: HTTPHeaders, into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + statusLineLength(status) + fieldsLength(headers) + 2)
        writeStatusLine(status, into: &buffer)
        for field in headers.fields { writeField(field.name, field.value, into: &buffer) }
        buffer.append(contentsOf: crlf)
    }

    /// Appends `HTTP/1.1 <code> <reason>\r\n`.
    public static func writeStatusLine(_ status: HTTPStatus, into buffer: inout [UInt8]) {
        buffer.append(contentsOf: versionPrefix)
        let code = status.code
        if (100...999).contains(code) {
            buffer.append(UInt8(truncatingIfNeeded: 0x30 + code / 100))
            buffer.append(UInt8(truncatingIfNeeded: 0x30 + code / 10 % 10))
            buffer.append(UInt8(truncatingIfNeeded: 0x30 + code % 10))
        } else {
            buffer.appendUTF8(String(code))
        }
        buffer.append(0x20)
        buffer.appendUTF8(status.reasonPhrase)
        buffer.append(contentsOf: crlf)
    }

    /// Appends `name: value\r\n`.
    @inline(__always)
    public static func writeField(_ name: String, _ value: String, into buffer: inout [UInt8]) {
        buffer.appendUTF8(name)
        buffer.append(contentsOf: colonSpace)
        buffer.appendUTF8(value)
        buffer.append(contentsOf: crlf)
    }

    /// Appends `name: <decimal value>\r\n` without building a `String` for the number.
    public static func writeField(_ name: String, decimal value: Int, into buffer: inout [UInt8]) {
        buffer.appendUTF8(name)
        buffer.append(contentsOf: colonSpace)
        buffer.appendDecimal(value)
        buffer.append(contentsOf: crlf)
    }

    /// Bytes `writeStatusLine` appends (exact for three-digit codes).
    static func statusLineLength(_ status: HTTPStatus) -> Int {
        versionPrefix.count + 4 + status.reasonPhrase.utf8.count + 2
    }

    /// Bytes the header lines of `headers` take, blank line excluded.
    public static func fieldsLength(_ headers: HTTPHeaders) -> Int {
        var total = 0
        for field in headers.fields { total += field.name.utf8.count + field.value.utf8.count + 4 }
        return total
    }

    /// Appends one chunk of a chunked body (nothing for an empty chunk: use `writeLastChunk`).
    public static func writeChunk(_ bytes: [UInt8], into buffer: inout [UInt8]) {
        guard !bytes.isEmpty else { return }
        buffer.appendUTF8(String(bytes.count, radix: 16))
        buffer.append(contentsOf: crlf)
        buffer.append(contentsOf: bytes)
        buffer.append(contentsOf: crlf)
    }

    /// Appends the terminating zero-length chunk with no trailers.
    public static func writeLastChunk(into buffer: inout [UInt8]) {
        buffer.append(contentsOf: lastChunk)
    }

    private static let versionPrefix: [UInt8] = Array("HTTP/1.1 ".utf8)
    private static let colonSpace: [UInt8] = [0x3A, 0x20]
    private static let crlf: [UInt8] = [0x0D, 0x0A]
    private static let lastChunk: [UInt8] = Array("0\r\n\r\n".utf8)
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 bytes of `string` with a single copy.
    @inline(__always)
    public mutating func appendUTF8(_ string: String) {
        var string = string
        string.withUTF8 { append(contentsOf: $0) }
    }

    /// Appends `value` in decimal ASCII digits (a leading `-` when negative).
    public mutating func appendDecimal(_ value: Int) {
        if value < 0 { append(0x2D) }
        var magnitude = value.magnitude
        guard magnitude > 0 else {
            append(0x30)
            return
        }
        // 20 digits hold any UInt64; fill from the right, then copy once.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var index = 20
            while magnitude > 0 {
                index -= 1
                digits[index] = UInt8(truncatingIfNeeded: 0x30 + magnitude % 10)
                magnitude /= 10
            }
            append(contentsOf: UnsafeBufferPointer(rebasing: digits[index...]))
        }
    }
}
