import COpenSSL

/// Reads and empties OpenSSL's thread-local error queue.
///
/// Every failure path must drain the queue: a stale entry left behind would be
/// reported later by an unrelated OpenSSL call on the same thread (for example
/// a TLS read), which is one of the classic bugs in Swift OpenSSL servers.
enum OpenSSLErrorQueue {
    static func drain() -> String {
        var messages: [String] = []
        // Bounded: the queue holds at most 16 entries, but never trust that.
        for _ in 0..<32 {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages.isEmpty ? "no OpenSSL error recorded" : messages.joined(separator: "; ")
    }

    static func failure(_ what: String) -> CryptographyError {
        CryptographyError(.openSSL, "\(what) failed: \(drain())")
    }
}

/// An `OSSL_PARAM` array whose keys and values live in memory it owns.
///
/// `OSSL_PARAM` stores raw pointers to its key and value, so building one from
/// Swift strings or arrays directly would leave it pointing at temporaries.
/// This copies everything into stable allocations and wipes them on release,
/// because values here are passwords and keys.
final class OpenSSLParameters {
    private var allocations: [(pointer: UnsafeMutableRawPointer, count: Int)] = []
    private var parameters: [OSSL_PARAM] = []

    init() {}

    deinit {
        for allocation in allocations {
            OPENSSL_cleanse(allocation.pointer, allocation.count)
            allocation.pointer.deallocate()
        }
    }

    private func copy(_ bytes: some Collection<UInt8>, nulTerminated: Bool) -> (UnsafeMutableRawPointer, Int) {
        let count = bytes.count + (nulTerminated ? 1 : 0)
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1), alignment: 8)
        pointer.initializeMemory(as: UInt8.self, repeating: 0, count: max(count, 1))
        var offset = 0
        for byte in bytes {
            pointer.storeBytes(of: byte, toByteOffset: offset, as: UInt8.self)
            offset += 1
        }
        allocations.append((pointer, max(count, 1)))
        return (pointer, count)
    }

    private func key(_ name: String) -> UnsafeMutablePointer<CChar> {
        copy(Array(name.utf8), nulTerminated: true).0.assumingMemoryBound(to: CChar.self)
    }

    func addUTF8String(_ name: String, _ value: String) {
        let key = key(name)
        let (pointer, count) = copy(Array(value.utf8), nulTerminated: true)
        parameters.append(OSSL_PARAM_construct_utf8_string(key, pointer.assumingMemoryBound(to: CChar.self), count - 1))
    }

    func addOctets(_ name: String, _ value: [UInt8]) {
        let key = key(name)
        let (pointer, count) = copy(value, nulTerminated: false)
        parameters.append(OSSL_PARAM_construct_octet_string(key, pointer, count))
    }

    func addUInt64(_ name: String, _ value: UInt64) {
        let key = key(name)
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        pointer.storeBytes(of: value, as: UInt64.self)
        allocations.append((pointer, 8))
        parameters.append(OSSL_PARAM_construct_uint64(key, pointer.assumingMemoryBound(to: UInt64.self)))
    }

    func addUInt32(_ name: String, _ value: UInt32) {
        let key = key(name)
        let pointer = UnsafeMutableRawPointer.allocate(byteCount: 8, alignment: 8)
        pointer.storeBytes(of: value, as: UInt32.self)
        allocations.append((pointer, 8))
        parameters.append(OSSL_PARAM_construct_uint32(key, pointer.assumingMemoryBound(to: UInt32.self)))
    }

    /// Calls `body` with the terminated array; the pointer is valid only inside.
    func withTerminatedArray<Result>(_ body: (UnsafePointer<OSSL_PARAM>) -> Result) -> Result {
        var terminated = parameters
        terminated.append(OSSL_PARAM_construct_end())
        return terminated.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// Algorithm implementations fetched once per process.
///
/// Implicit fetching (`EVP_sha256()` and friends) repeats a locked provider
/// lookup on every call; fetching once avoids that on hot paths such as token
/// digests. OpenSSL documents fetched algorithm objects as safe to share
/// between threads once created, and these are never freed or mutated.
enum FetchedAlgorithms {
    nonisolated(unsafe) static let sha256: OpaquePointer = {
        guard let digest = EVP_MD_fetch(nil, "SHA256", nil) else { fatalError("OpenSSL cannot provide SHA256: \(OpenSSLErrorQueue.drain())") }
        return digest
    }()

    nonisolated(unsafe) static let aes256GCM: OpaquePointer = {
        guard let cipher = EVP_CIPHER_fetch(nil, "AES-256-GCM", nil) else { fatalError("OpenSSL cannot provide AES-256-GCM: \(OpenSSLErrorQueue.drain())") }
        return cipher
    }()

    nonisolated(unsafe) static let hmac: OpaquePointer = {
        guard let mac = EVP_MAC_fetch(nil, "HMAC", nil) else { fatalError("OpenSSL cannot provide HMAC: \(OpenSSLErrorQueue.drain())") }
        return mac
    }()

    nonisolated(unsafe) static let scrypt: OpaquePointer = {
        guard let kdf = EVP_KDF_fetch(nil, "SCRYPT", nil) else { fatalError("OpenSSL cannot provide SCRYPT: \(OpenSSLErrorQueue.drain())") }
        return kdf
    }()

    nonisolated(unsafe) static let hkdf: OpaquePointer = {
        guard let kdf = EVP_KDF_fetch(nil, "HKDF", nil) else { fatalError("OpenSSL cannot provide HKDF: \(OpenSSLErrorQueue.drain())") }
        return kdf
    }()
}
