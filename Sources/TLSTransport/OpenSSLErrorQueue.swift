import COpenSSL

/// Reads OpenSSL's thread-local error queue into text, so a `TLSError` says
/// what OpenSSL said instead of a bare return code.
enum OpenSSLErrorQueue {
    /// The most entries kept from one failure; the queue is cleared either way.
    private static let maximumEntries = 16

    /// Empties the queue so the next `SSL_get_error` sees only fresh errors.
    /// `ERR_clear_error` walks all 16 slots every time, so it is only called
    /// when something is queued (this sits on every read and write).
    @inline(__always)
    static func clear() {
        if ERR_peek_error() != 0 { ERR_clear_error() }
    }

    /// Empties the queue and returns its entries, oldest first.
    static func drain() -> [String] {
        var lines: [String] = []
        var buffer = [CChar](repeating: 0, count: 256)
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            guard lines.count < maximumEntries else { continue }
            buffer.withUnsafeMutableBufferPointer { ERR_error_string_n(code, $0.baseAddress, $0.count) }
            lines.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return lines
    }
}

extension TLSError {
    /// A failure whose details are whatever OpenSSL queued for it.
    static func openSSL(_ message: String) -> TLSError {
        TLSError(message, details: OpenSSLErrorQueue.drain())
    }
}
