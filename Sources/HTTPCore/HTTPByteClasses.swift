/// Character classes of RFC 9110/9112/3986, decided on raw bytes.
///
/// The parser never builds a `String` before a byte has been validated, so
/// these predicates are the single definition of "allowed" for every part of
/// a request.
enum HTTPByte {
    static var cr: UInt8 { 0x0D }
    static var lf: UInt8 { 0x0A }
    static var space: UInt8 { 0x20 }
    static var tab: UInt8 { 0x09 }
    static var colon: UInt8 { 0x3A }
    static var semicolon: UInt8 { 0x3B }
    static var comma: UInt8 { 0x2C }
    static var equals: UInt8 { 0x3D }
    static var quote: UInt8 { 0x22 }
    static var backslash: UInt8 { 0x5C }
    static var slash: UInt8 { 0x2F }
    static var question: UInt8 { 0x3F }
    static var asterisk: UInt8 { 0x2A }
    static var hash: UInt8 { 0x23 }
    static var percent: UInt8 { 0x25 }
    static var at: UInt8 { 0x40 }
    static var openBracket: UInt8 { 0x5B }
    static var closeBracket: UInt8 { 0x5D }

    /// `tchar` (RFC 9110 §5.6.2): what methods, field names and codings are made of.
    /// One bit per ASCII byte: `!#$%&'*+-.^_`|~`, digits and letters.
    @inline(__always)
    static func isTokenChar(_ b: UInt8) -> Bool {
        let lowMask: UInt64 = 0x03FF_6CFA_0000_0000
        let highMask: UInt64 = 0x57FF_FFFF_C7FF_FFFE
        let mask = b < 64 ? lowMask : (b < 128 ? highMask : 0)
        return (mask >> UInt64(b & 63)) & 1 == 1
    }

    /// A byte allowed inside a field value: HTAB, SP, VCHAR or obs-text (RFC 9110 §5.5).
    @inline(__always)
    static func isFieldValueChar(_ b: UInt8) -> Bool {
        b == tab || (b >= 0x20 && b != 0x7F)
    }

    /// SP or HTAB: optional whitespace (OWS/BWS).
    @inline(__always)
    static func isWhitespace(_ b: UInt8) -> Bool { b == space || b == tab }

    /// A byte allowed in a request target: visible ASCII without `#` (a fragment is never sent).
    @inline(__always)
    static func isTargetChar(_ b: UInt8) -> Bool { b > 0x20 && b < 0x7F && b != hash }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    @inline(__always)
    static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The value of a hexadecimal digit, or nil.
    @inline(__always)
    static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }

    /// `unreserved` / `sub-delims` of RFC 3986: what a reg-name is made of (besides `%XX`).
    static func isRegNameChar(_ b: UInt8) -> Bool {
        switch b {
        case 0x61...0x7A, 0x41...0x5A, 0x30...0x39: true
        case 0x2D, 0x2E, 0x5F, 0x7E: true  // - . _ ~
        case 0x21, 0x24, 0x26, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D: true  // ! $ & ' ( ) * + , ; =
        default: false
        }
    }

    /// ASCII case-insensitive comparison of `bytes` with a lowercase ASCII literal.
    @inline(__always)
    static func equalsLowercase(_ bytes: UnsafeBufferPointer<UInt8>, _ lowercase: StaticString) -> Bool {
        guard bytes.count == lowercase.utf8CodeUnitCount else { return false }
        let expected = lowercase.utf8Start
        for i in 0..<bytes.count {
            let b = bytes[i]
            let folded = (b >= 0x41 && b <= 0x5A) ? b | 0x20 : b
            if folded != expected[i] { return false }
        }
        return true
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The bytes in `range` as a buffer of their own.
    @inline(__always)
    func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: self[range])
    }

    /// The index of the first `byte` in `from..<to`, looking at eight bytes at a time.
    @inline(__always)
    func firstIndex(of byte: UInt8, from: Int, to end: Int) -> Int? {
        var i = from
        if let base = baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let pattern = UInt64(byte) &* ones
            while i + 8 <= end {
                // A zero byte in `word` marks a match; the lowest flagged byte is the first match.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) ^ pattern
                let flags = (word &- ones) & ~word & 0x8080_8080_8080_8080
                if flags != 0 { return i + flags.trailingZeroBitCount >> 3 }
                i += 8
            }
        }
        while i < end {
            if self[i] == byte { return i }
            i += 1
        }
        return nil
    }

    /// The index of the first byte in `from..<to` that may not appear in a field
    /// value (a control character other than HTAB, or DEL), or nil.
    @inline(__always)
    func firstInvalidFieldValueByte(from: Int, to end: Int) -> Int? {
        var i = from
        if let base = baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101
            let highBits: UInt64 = 0x8080_8080_8080_8080
            while i + 8 <= end {
                // Flags bytes below 0x20 and bytes equal to 0x7F; only then look closer.
                let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
                let below = (word &- ones &* 0x20) & ~word & highBits
                let del = word ^ (ones &* 0x7F)
                let isDel = (del &- ones) & ~del & highBits
                if below | isDel != 0 { break }
                i += 8
            }
        }
        while i < end {
            if !HTTPByte.isFieldValueChar(self[i]) { return i }
            i += 1
        }
        return nil
    }

    /// The bytes in `range` decoded as a String (invalid UTF-8 becomes U+FFFD).
    @inline(__always)
    func string(_ range: Range<Int>) -> String {
        String(decoding: slice(range), as: UTF8.self)
    }
}
