import CZlib
import HTTPCore

/// One-shot gzip compression through zlib, for complete response bodies.
public enum Gzip {
    /// The gzip encoding of `input` at `level` (0–9), or nil when zlib fails
    /// (the caller then sends the body uncompressed).
    public static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8]? {
        var stream = z_stream()
        // windowBits 15 + 16 asks zlib for a gzip header and trailer instead of zlib's.
        guard klipso_deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK else { return nil }
        defer { deflateEnd(&stream) }
        // deflateBound guarantees a single Z_FINISH call completes.
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = [UInt8](repeating: 0, count: bound)
        let produced: Int? = input.withUnsafeBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                // zlib never writes through next_in; nil is fine when avail_in is 0.
                stream.next_in = inBuffer.baseAddress.map { UnsafeMutablePointer(mutating: $0) }
                stream.avail_in = uInt(inBuffer.count)
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                guard deflate(&stream, Z_FINISH) == Z_STREAM_END else { return nil }
                return outBuffer.count - Int(stream.avail_out)
            }
        }
        guard let produced else { return nil }
        output.removeSubrange(produced...)
        return output
    }
}

/// What a request's `Accept-Encoding` allows (RFC 9110 §12.5.3).
enum AcceptEncoding {
    /// Whether gzip is acceptable: listed (`gzip` or `x-gzip`) with q > 0, or not
    /// listed and `*` has q > 0. No header means no compression: old clients and
    /// tools that omit it rarely handle gzip.
    static func allowsGzip(_ values: [String]) -> Bool {
        var gzipQuality: Double?
        var wildcardQuality: Double?
        for value in values {
            for element in value.split(separator: ",") {
                let parts = element.split(separator: ";")
                guard let coding = parts.first?.trimmingASCIISpaces(), !coding.isEmpty else { continue }
                var quality = 1.0
                for parameter in parts.dropFirst() {
                    let pair = parameter.trimmingASCIISpaces()
                    if pair.count > 2, pair.prefix(2).asciiCaseInsensitiveEquals("q=") {
                        quality = Double(pair.dropFirst(2)) ?? 0
                    }
                }
                if coding.asciiCaseInsensitiveEquals("gzip") || coding.asciiCaseInsensitiveEquals("x-gzip") {
                    gzipQuality = max(gzipQuality ?? 0, quality)
                } else if coding == "*" {
                    wildcardQuality = quality
                }
            }
        }
        return (gzipQuality ?? wildcardQuality ?? 0) > 0
    }
}
