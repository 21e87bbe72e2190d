import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG.
///
/// Keys, nonces, salts and tokens all come from here so there is exactly one
/// source to audit. A failure traps rather than throws: it means the system
/// cannot produce randomness, and no caller could continue safely.
public enum SecureRandom {
    /// Returns `count` random bytes; traps if OpenSSL's generator fails.
    public static func bytes(_ count: Int) -> [UInt8] {
        precondition(count >= 0, "SecureRandom.bytes: negative count \(count)")
        guard count > 0 else { return [] }
        var output = [UInt8](repeating: 0, count: count)
        let status = output.withUnsafeMutableBytes { RAND_bytes($0.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(count)) }
        guard status == 1 else {
            fatalError("RAND_bytes failed; the system cannot produce secure randomness: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }
}
