/// Splits a request path into percent-decoded segments for matching.
///
/// Strict on purpose: `/v1/staff/` has a trailing empty segment and so is a
/// different path from `/v1/staff`. `+` is a literal plus in paths (only query
/// strings use it for space). An encoded `/` (`%2F`) is decoded inside its
/// segment, so it can appear in a parameter value but never splits the path.
enum PathSegments {
    /// Why a path could not be decoded; answered with 400.
    struct DecodingError: Error, Equatable {
        let reason: String
    }

    /// The decoded segments of `path` (which must start with `/`), or nil when it does not.
    static func decode(_ path: String) throws(DecodingError) -> [String]? {
        let utf8 = path.utf8
        guard utf8.first == UInt8(ascii: "/") else { return nil }
        var segments: [String] = []
        var segmentStart = utf8.index(after: utf8.startIndex)
        var index = segmentStart
        var hasEscape = false
        while true {
            if index == utf8.endIndex || utf8[index] == UInt8(ascii: "/") {
                let raw = Substring(utf8[segmentStart..<index])
                segments.append(hasEscape ? try decodeSegment(raw) : String(raw))
                hasEscape = false
                if index == utf8.endIndex { break }
                segmentStart = utf8.index(after: index)
            } else if utf8[index] == UInt8(ascii: "%") {
                hasEscape = true
            }
            index = utf8.index(after: index)
        }
        return segments
    }

    /// Percent-decodes one segment; rejects malformed escapes, NUL and invalid UTF-8.
    static func decodeSegment(_ raw: Substring) throws(DecodingError) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(raw.utf8.count)
        var iterator = raw.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                throw DecodingError(reason: "The path contains a malformed percent-encoding.")
            }
            let decoded = high << 4 | low
            if decoded == 0 { throw DecodingError(reason: "The path contains an encoded NUL byte.") }
            bytes.append(decoded)
        }
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw DecodingError(reason: "The path is not valid UTF-8 once percent-decoded.")
        }
        return string
    }

    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
