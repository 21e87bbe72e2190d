import COpenSSL

/// One-shot SHA-256, for token digests and audit hash chains.
///
/// Wraps OpenSSL's `EVP_Digest` with a digest fetched once per process, so
/// callers never handle OpenSSL contexts or lengths.
public enum SHA256 {
    /// The size of a SHA-256 digest in bytes.
    public static let byteCount = 32

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: byteCount)
        var written: UInt32 = 0
        let status = bytes.withUnsafeBytes { input in
            output.withUnsafeMutableBufferPointer { out in
                EVP_Digest(input.baseAddress, input.count, out.baseAddress, &written, FetchedAlgorithms.sha256, nil)
            }
        }
        // A digest over memory cannot fail unless OpenSSL itself is broken.
        guard status == 1, written == UInt32(byteCount) else {
            fatalError("EVP_Digest(SHA256) failed: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }

    /// The digest of the UTF-8 bytes of `text`.
    public static func digest(_ text: String) -> [UInt8] {
        digest(Array(text.utf8))
    }

    /// The digest of `bytes` as 64 lowercase hex characters.
    public static func hexDigest(_ bytes: [UInt8]) -> String {
        Hex.encode(digest(bytes))
    }

    /// The digest of the UTF-8 bytes of `text` as 64 lowercase hex characters.
    public static func hexDigest(_ text: String) -> String {
        Hex.encode(digest(text))
    }
}
