import Glibc
import HTTPCore
import Synchronization

/// Gives every request an id, put in `context.requestID` and echoed as
/// `X-Request-Id` on every response (errors included), so a client's report,
/// the access log and the error log can be matched. A client's own id is kept
/// when sane (1–128 visible ASCII characters), so ids can span systems.
public struct RequestIDMiddleware: Middleware {
    public static let headerName = "X-Request-Id"

    public init() {}

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        let id = request.headers[Self.headerName].flatMap { Self.isSane($0) ? $0 : nil } ?? Self.generate()
        context.requestID = id
        var response = next(request, &context)
        response.headers.set(Self.headerName, id)
        return response
    }

    /// 1 to 128 characters, each visible ASCII (no spaces, no control characters):
    /// safe to log and to echo in a header.
    public static func isSane(_ id: String) -> Bool {
        let utf8 = id.utf8
        return (1...128).contains(utf8.count) && utf8.allSatisfy { (0x21...0x7E).contains($0) }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
    private static let randomness = RandomBytePool()

    /// 128 random bits as 32 lowercase hex digits. The bits come from the
    /// system generator in batches (one `getrandom` per 256 ids, not two per id).
    public static func generate() -> String {
        var (high, low) = randomness.next128()
        return String(unsafeUninitializedCapacity: 32) { digits in
            for i in 0..<16 {
                digits[i] = hexDigits[Int(high & 0xF)]
                high >>= 4
            }
            for i in 16..<32 {
                digits[i] = hexDigits[Int(low & 0xF)]
                low >>= 4
            }
            return 32
        }
    }
}

/// Random words from `SystemRandomNumberGenerator`, fetched 4 KiB at a time:
/// per-request ids would otherwise cost a system call per 64 bits.
private final class RandomBytePool: Sendable {
    private static let wordsPerRefill = 512
    private let state = Mutex(State())

    private struct State {
        var words: [UInt64] = []
        var next = 0
    }

    /// One `arc4random_buf` (glibc: one `getrandom`) for the whole batch.
    private static func refill() -> [UInt64] {
        var words = [UInt64](repeating: 0, count: wordsPerRefill)
        words.withUnsafeMutableBytes { arc4random_buf($0.baseAddress!, $0.count) }
        return words
    }

    func next128() -> (UInt64, UInt64) {
        state.withLock { state in
            if state.next + 2 > state.words.count {
                state.words = Self.refill()
                state.next = 0
            }
            defer { state.next += 2 }
            return (state.words[state.next], state.words[state.next + 1])
        }
    }
}
