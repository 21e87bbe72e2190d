import COpenSSL

/// HMAC-SHA256 (RFC 2104), for webhook signatures and NIK lookup hashes.
///
/// Uses OpenSSL's `EVP_MAC` with the HMAC implementation fetched once, so a
/// call costs one context allocation rather than a provider lookup.
public enum HMACSHA256 {
    /// The size of an HMAC-SHA256 tag in bytes.
    public static let byteCount = 32

    /// The 32-byte HMAC-SHA256 of `message` under `key` (any key length).
    public static func authenticate(message: [UInt8], key: [UInt8]) -> [UInt8] {
        guard let context = EVP_MAC_CTX_new(FetchedAlgorithms.hmac) else {
            fatalError("EVP_MAC_CTX_new(HMAC) failed: \(OpenSSLErrorQueue.drain())")
        }
        defer { EVP_MAC_CTX_free(context) }
        let parameters = OpenSSLParameters()
        parameters.addUTF8String("digest", "SHA256")  // OSSL_MAC_PARAM_DIGEST
        // An empty key is legal HMAC; OpenSSL wants a non-null pointer for it.
        let keyBytes = key.isEmpty ? [UInt8(0)] : key
        var output = [UInt8](repeating: 0, count: byteCount)
        var written = 0
        let succeeded = parameters.withTerminatedArray { params in
            keyBytes.withUnsafeBufferPointer { keyBuffer in
                message.withUnsafeBufferPointer { messageBuffer in
                    output.withUnsafeMutableBufferPointer { out in
                        EVP_MAC_init(context, keyBuffer.baseAddress, key.count, params) == 1
                            && (messageBuffer.isEmpty || EVP_MAC_update(context, messageBuffer.baseAddress, messageBuffer.count) == 1)
                            && EVP_MAC_final(context, out.baseAddress, &written, out.count) == 1
                    }
                }
            }
        }
        // HMAC over memory fails only if OpenSSL itself is broken.
        guard succeeded, written == byteCount else {
            fatalError("HMAC-SHA256 failed: \(OpenSSLErrorQueue.drain())")
        }
        return output
    }

    /// HMAC-SHA256 of the UTF-8 bytes of `message`, as lowercase hex.
    public static func hexAuthenticationCode(message: String, key: [UInt8]) -> String {
        Hex.encode(authenticate(message: Array(message.utf8), key: key))
    }

    /// HMAC-SHA256 of `message`, as lowercase hex.
    public static func hexAuthenticationCode(message: [UInt8], key: [UInt8]) -> String {
        Hex.encode(authenticate(message: message, key: key))
    }
}
