import HTTPCore

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

    /// 128 random bits as 32 lowercase hex digits.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes: [UInt8] = []
        bytes.reserveCapacity(32)
        for _ in 0..<2 {
            var word = generator.next() as UInt64
            for _ in 0..<16 {
                bytes.append(hexDigits[Int(word & 0xF)])
                word >>= 4
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
