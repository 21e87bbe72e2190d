import COpenSSL

/// Raw scrypt (RFC 7914) through OpenSSL's `EVP_KDF` "SCRYPT".
///
/// `PasswordHasher` is the API for passwords; this is exposed for known-answer
/// tests and for anyone who needs the bare function. Memory use is
/// `128 × r × N` bytes (32 MiB for N = 2^15, r = 8), and OpenSSL is told to
/// refuse anything above `maximumMemoryBytes`.
public enum Scrypt {
    /// Upper bound on memory per derivation; a cost parsed from a stored
    /// string can never make one request allocate more than this.
    public static let maximumMemoryBytes: UInt64 = 256 * 1024 * 1024

    /// Derives `outputCount` bytes. `costN` must be a power of two above 1.
    public static func derive(
        password: [UInt8], salt: [UInt8], costN: UInt64, blockSize r: UInt32, parallelism p: UInt32, outputCount: Int
    ) throws -> [UInt8] {
        guard costN > 1, costN & (costN - 1) == 0, r > 0, p > 0, outputCount > 0 else {
            throw CryptographyError(.invalidParameters, "scrypt N=\(costN) r=\(r) p=\(p) dkLen=\(outputCount) is out of range")
        }
        let parameters = OpenSSLParameters()
        parameters.addOctets("pass", password)  // OSSL_KDF_PARAM_PASSWORD
        parameters.addOctets("salt", salt)  // OSSL_KDF_PARAM_SALT
        parameters.addUInt64("n", costN)  // OSSL_KDF_PARAM_SCRYPT_N
        parameters.addUInt32("r", r)  // OSSL_KDF_PARAM_SCRYPT_R
        parameters.addUInt32("p", p)  // OSSL_KDF_PARAM_SCRYPT_P
        parameters.addUInt64("maxmem_bytes", maximumMemoryBytes)  // OSSL_KDF_PARAM_SCRYPT_MAXMEM
        return try KeyDerivation.derive(FetchedAlgorithms.scrypt, name: "scrypt", parameters: parameters, outputCount: outputCount)
    }
}

/// HKDF-SHA256 (RFC 5869) through OpenSSL's `EVP_KDF` "HKDF".
///
/// Exists so one master key can yield independent subkeys (encryption,
/// lookup hashing) without ever using the same key for two algorithms.
public enum HKDF {
    /// Extract-then-expand. An empty `salt` means RFC 5869's default of
    /// zeros, which is right when the input is already a uniform random key.
    public static func deriveSHA256(inputKeyMaterial: [UInt8], salt: [UInt8] = [], info: [UInt8], outputCount: Int) throws -> [UInt8] {
        guard outputCount > 0, outputCount <= 255 * 32, !inputKeyMaterial.isEmpty else {
            throw CryptographyError(.invalidParameters, "HKDF-SHA256 with \(inputKeyMaterial.count)-byte key and length \(outputCount) is out of range")
        }
        let parameters = OpenSSLParameters()
        parameters.addUTF8String("digest", "SHA256")  // OSSL_KDF_PARAM_DIGEST
        parameters.addOctets("key", inputKeyMaterial)  // OSSL_KDF_PARAM_KEY
        if !salt.isEmpty { parameters.addOctets("salt", salt) }  // OSSL_KDF_PARAM_SALT
        parameters.addOctets("info", info)  // OSSL_KDF_PARAM_INFO
        return try KeyDerivation.derive(FetchedAlgorithms.hkdf, name: "HKDF-SHA256", parameters: parameters, outputCount: outputCount)
    }
}

enum KeyDerivation {
    /// Runs one `EVP_KDF_derive` with a fresh context.
    static func derive(_ kdf: OpaquePointer, name: String, parameters: OpenSSLParameters, outputCount: Int) throws -> [UInt8] {
        guard let context = EVP_KDF_CTX_new(kdf) else { throw OpenSSLErrorQueue.failure("EVP_KDF_CTX_new(\(name))") }
        defer { EVP_KDF_CTX_free(context) }
        var output = [UInt8](repeating: 0, count: outputCount)
        let status = parameters.withTerminatedArray { params in
            output.withUnsafeMutableBufferPointer { EVP_KDF_derive(context, $0.baseAddress, $0.count, params) }
        }
        guard status == 1 else { throw OpenSSLErrorQueue.failure("\(name) derivation") }
        return output
    }
}
