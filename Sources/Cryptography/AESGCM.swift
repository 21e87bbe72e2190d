import COpenSSL

/// AES-256-GCM authenticated encryption of small values such as a NIK.
///
/// Sealed format, version 1: `0x01 || nonce (12) || ciphertext || tag (16)`,
/// so a sealed value is 29 bytes longer than its plaintext. The nonce is
/// random for every seal (safe for well under 2^32 seals per key). The version
/// byte and the caller's associated data are both authenticated: pass the
/// row's field name and id (for example `"applicant.nik:<id>"`) so a
/// ciphertext copied into another row or column fails to open.
public enum AESGCM {
    /// The first byte of everything `seal` produces.
    public static let formatVersion: UInt8 = 1
    static let nonceByteCount = 12
    static let tagByteCount = 16
    /// Bytes `seal` adds to the plaintext.
    public static let overhead = 1 + nonceByteCount + tagByteCount

    /// Encrypts and authenticates `plaintext`, binding it to `associatedData`.
    public static func seal(_ plaintext: [UInt8], key: DataKey, associatedData: [UInt8] = []) -> [UInt8] {
        let nonce = SecureRandom.bytes(nonceByteCount)
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed: \(OpenSSLErrorQueue.drain())") }
        defer { EVP_CIPHER_CTX_free(context) }
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: tagByteCount)
        let succeeded = key.bytes.withUnsafeBufferPointer { keyBuffer in
            nonce.withUnsafeBufferPointer { nonceBuffer in
                EVP_EncryptInit_ex2(context, FetchedAlgorithms.aes256GCM, keyBuffer.baseAddress, nonceBuffer.baseAddress, nil) == 1
                    && addAuthenticatedData(context, associatedData, encrypting: true)
                    && transform(context, plaintext, into: &ciphertext, encrypting: true)
                    && finish(context, encrypting: true)
                    && tag.withUnsafeMutableBytes { EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_GET_TAG, Int32(tagByteCount), $0.baseAddress) == 1 }
            }
        }
        // Encrypting memory with a valid key fails only if OpenSSL is broken.
        guard succeeded else { fatalError("AES-256-GCM seal failed: \(OpenSSLErrorQueue.drain())") }
        return [formatVersion] + nonce + ciphertext + tag
    }

    /// Seals with associated data given as text (its UTF-8 bytes).
    public static func seal(_ plaintext: [UInt8], key: DataKey, associatedData: String) -> [UInt8] {
        seal(plaintext, key: key, associatedData: Array(associatedData.utf8))
    }

    /// Verifies and decrypts what `seal` produced. Throws `CryptographyError`
    /// with `.truncated`, `.unsupportedVersion` or `.authenticationFailed`
    /// (wrong key, wrong associated data, or any modified byte).
    public static func open(_ sealed: [UInt8], key: DataKey, associatedData: [UInt8] = []) throws -> [UInt8] {
        guard sealed.count >= overhead else {
            throw CryptographyError(.truncated, "sealed value has \(sealed.count) bytes; at least \(overhead) are needed")
        }
        guard sealed[0] == formatVersion else {
            throw CryptographyError(.unsupportedVersion, "sealed value has format version \(sealed[0]); only \(formatVersion) is supported")
        }
        let nonce = Array(sealed[1..<(1 + nonceByteCount)])
        let ciphertext = Array(sealed[(1 + nonceByteCount)..<(sealed.count - tagByteCount)])
        var tag = Array(sealed[(sealed.count - tagByteCount)...])
        guard let context = EVP_CIPHER_CTX_new() else { fatalError("EVP_CIPHER_CTX_new failed: \(OpenSSLErrorQueue.drain())") }
        defer { EVP_CIPHER_CTX_free(context) }
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        let succeeded = key.bytes.withUnsafeBufferPointer { keyBuffer in
            nonce.withUnsafeBufferPointer { nonceBuffer in
                EVP_DecryptInit_ex2(context, FetchedAlgorithms.aes256GCM, keyBuffer.baseAddress, nonceBuffer.baseAddress, nil) == 1
                    && addAuthenticatedData(context, associatedData, encrypting: false)
                    && transform(context, ciphertext, into: &plaintext, encrypting: false)
                    && tag.withUnsafeMutableBytes { EVP_CIPHER_CTX_ctrl(context, EVP_CTRL_GCM_SET_TAG, Int32(tagByteCount), $0.baseAddress) == 1 }
                    && finish(context, encrypting: false)
            }
        }
        guard succeeded else {
            // Never hand back unauthenticated plaintext, even partially.
            for index in plaintext.indices { plaintext[index] = 0 }
            _ = OpenSSLErrorQueue.drain()
            throw CryptographyError(.authenticationFailed, "AES-256-GCM tag did not verify (wrong key, wrong associated data, or modified data)")
        }
        return plaintext
    }

    /// Opens with associated data given as text (its UTF-8 bytes).
    public static func open(_ sealed: [UInt8], key: DataKey, associatedData: String) throws -> [UInt8] {
        try open(sealed, key: key, associatedData: Array(associatedData.utf8))
    }

    /// Feeds the version byte and the caller's data as GCM's additional data.
    private static func addAuthenticatedData(_ context: OpaquePointer, _ associatedData: [UInt8], encrypting: Bool) -> Bool {
        let authenticated = [formatVersion] + associatedData
        var written: Int32 = 0
        return authenticated.withUnsafeBufferPointer { input in
            encrypting
                ? EVP_EncryptUpdate(context, nil, &written, input.baseAddress, Int32(input.count)) == 1
                : EVP_DecryptUpdate(context, nil, &written, input.baseAddress, Int32(input.count)) == 1
        }
    }

    private static func transform(_ context: OpaquePointer, _ input: [UInt8], into output: inout [UInt8], encrypting: Bool) -> Bool {
        guard !input.isEmpty else { return true }
        guard input.count <= Int(Int32.max) else { return false }
        var written: Int32 = 0
        let status = input.withUnsafeBufferPointer { inputBuffer in
            output.withUnsafeMutableBufferPointer { outputBuffer in
                encrypting
                    ? EVP_EncryptUpdate(context, outputBuffer.baseAddress, &written, inputBuffer.baseAddress, Int32(inputBuffer.count))
                    : EVP_DecryptUpdate(context, outputBuffer.baseAddress, &written, inputBuffer.baseAddress, Int32(inputBuffer.count))
            }
        }
        return status == 1 && Int(written) == input.count
    }

    /// GCM writes no bytes at the end; finishing computes (or checks) the tag.
    private static func finish(_ context: OpaquePointer, encrypting: Bool) -> Bool {
        var scratch = [UInt8](repeating: 0, count: 16)
        var written: Int32 = 0
        let status = scratch.withUnsafeMutableBufferPointer { buffer in
            encrypting ? EVP_EncryptFinal_ex(context, buffer.baseAddress, &written) : EVP_DecryptFinal_ex(context, buffer.baseAddress, &written)
        }
        return status == 1 && written == 0
    }
}
