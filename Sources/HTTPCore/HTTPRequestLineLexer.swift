/// Reads `method SP request-target SP HTTP-version CRLF` one byte at a time,
/// resuming where it stopped when more bytes arrive.
///
/// Every byte is judged exactly once and the first byte that makes the line
/// invalid (or too long) decides the error, so the outcome never depends on
/// how the bytes were split across reads, and a line without CRLF cannot grow
/// past method limit + target limit + version.
struct HTTPRequestLineLexer: Sendable {
    /// Longest accepted method; registered methods are at most 17 bytes.
    static let maxMethodLength = 32
    /// Empty lines (CRLF) tolerated before a request line (RFC 9112 §2.2).
    static let maxLeadingEmptyLines = 8

    enum Phase: UInt8, Sendable {
        case method, leadingLineFeed, target, version, carriageReturn, lineFeed
    }

    enum Outcome {
        /// Every available byte was accepted; the line is not finished.
        case needMore(scannedTo: Int)
        /// An empty line before the request line ended at this index; skip it.
        case skippedEmptyLine(end: Int)
        /// The request line ends (after its LF) at this index.
        case complete(end: Int)
    }

    private(set) var phase: Phase = .method
    private(set) var methodLength = 0
    private(set) var targetLength = 0
    private(set) var versionLength = 0
    private(set) var minorVersion: UInt8 = 0
    private var emptyLineCount = 0

    /// True when not a single byte of a request line has been accepted.
    var isPristine: Bool { phase == .method && methodLength == 0 }

    /// Prepares for the next request line.
    mutating func reset() { self = HTTPRequestLineLexer() }

    /// Lexes `bytes[from...]`; positions are absolute indices into `bytes`.
    mutating func lex(_ bytes: UnsafeBufferPointer<UInt8>, from: Int, maxTargetLength: Int) throws(HTTPParseError) -> Outcome {
        var i = from
        let end = bytes.count
        while i < end {
            switch phase {
            case .method:
                let b = bytes[i]
                if HTTPByte.isTokenChar(b) {
                    methodLength += 1
                    if methodLength > Self.maxMethodLength { throw HTTPParseError(.badRequest, "Request method too long") }
                } else if b == HTTPByte.space && methodLength > 0 {
                    phase = .target
                } else if b == HTTPByte.cr && methodLength == 0 {
                    phase = .leadingLineFeed
                } else {
                    throw HTTPParseError(.badRequest, methodLength == 0 && b == HTTPByte.lf
                        ? "Bare LF before request line" : "Invalid character in request method")
                }
                i += 1
            case .leadingLineFeed:
                guard bytes[i] == HTTPByte.lf else { throw HTTPParseError(.badRequest, "Bare CR before request line") }
                emptyLineCount += 1
                guard emptyLineCount <= Self.maxLeadingEmptyLines else {
                    throw HTTPParseError(.badRequest, "Too many empty lines before request line")
                }
                phase = .method
                return .skippedEmptyLine(end: i + 1)
            case .target:
                while i < end, HTTPByte.isTargetChar(bytes[i]) {
                    targetLength += 1
                    if targetLength > maxTargetLength { throw HTTPParseError(.uriTooLong, "Request target too long") }
                    i += 1
                }
                guard i < end else { return .needMore(scannedTo: i) }
                guard bytes[i] == HTTPByte.space else {
                    throw HTTPParseError(.badRequest, "Invalid character in request target")
                }
                guard targetLength > 0 else { throw HTTPParseError(.badRequest, "Empty request target") }
                phase = .version
                i += 1
            case .version:
                if versionLength == 0, i + 10 <= end, let complete = wholeVersion(bytes, at: i) {
                    return complete
                }
                let b = bytes[i]
                let accepted: Bool
                if versionLength < 7 {
                    accepted = b == Self.versionPrefix[versionLength]
                } else {
                    accepted = b == 0x30 || b == 0x31
                    minorVersion = b == 0x31 ? 1 : 0
                }
                guard accepted else { throw HTTPParseError(.badRequest, "Unsupported or malformed HTTP version") }
                versionLength += 1
                if versionLength == 8 { phase = .carriageReturn }
                i += 1
            case .carriageReturn:
                guard bytes[i] == HTTPByte.cr else { throw HTTPParseError(.badRequest, "Malformed request line ending") }
                phase = .lineFeed
                i += 1
            case .lineFeed:
                guard bytes[i] == HTTPByte.lf else { throw HTTPParseError(.badRequest, "Bare CR in request line") }
                return .complete(end: i + 1)
            }
        }
        return .needMore(scannedTo: i)
    }

    private static let versionPrefix: [UInt8] = Array("HTTP/1.".utf8)

    /// The common case in one step: `HTTP/1.x\r\n` entirely available at `i`.
    /// Anything else goes through the byte-by-byte path, which names the error.
    @inline(__always)
    private mutating func wholeVersion(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Outcome? {
        guard let base = bytes.baseAddress else { return nil }
        let word = UInt64(littleEndian: UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self))
        // "HTTP/1." little-endian in the low seven bytes.
        let prefix: UInt64 = 0x002E_312F_5054_5448
        guard word & 0x00FF_FFFF_FFFF_FFFF == prefix, bytes[i + 8] == HTTPByte.cr, bytes[i + 9] == HTTPByte.lf else {
            return nil
        }
        let minor = UInt8(truncatingIfNeeded: word >> 56)
        guard minor == 0x30 || minor == 0x31 else { return nil }
        minorVersion = minor - 0x30
        versionLength = 8
        phase = .lineFeed
        return .complete(end: i + 10)
    }

    /// Where the method and target of a completed line starting at `lineStart` are.
    func methodRange(lineStart: Int) -> Range<Int> { lineStart..<(lineStart + methodLength) }
    func targetRange(lineStart: Int) -> Range<Int> {
        let start = lineStart + methodLength + 1
        return start..<(start + targetLength)
    }
    var version: HTTPVersion { minorVersion == 1 ? .http1_1 : .http1_0 }
}
