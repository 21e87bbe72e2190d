import Dispatch

/// Hashes and verifies staff passwords with scrypt.
///
/// Exists so the rest of KLIPSO handles passwords only as opaque encoded
/// strings (`$scrypt$ln=15,r=8,p=1$<salt>$<hash>`) and never chooses a salt,
/// a cost or a comparison itself.
///
/// Cost: N = 2^15, r = 8, p = 1, a 16-byte random salt and a 32-byte output.
/// Each hash needs 32 MiB of memory and took about 60–70 ms on one core of
/// the 2-core build machine (debug and release alike: the time is spent inside
/// OpenSSL). To bound memory and keep logins from starving other work, at most
/// `maximumConcurrentHashes` hashes run at once in the whole process; further
/// callers block until one finishes, so call this from a worker pool, never
/// from an event loop.
///
/// Passwords are hashed as the UTF-8 bytes received, without Unicode
/// normalisation.
public struct PasswordHasher: Sendable {
    /// The cost new hashes are made with.
    public static let currentCost = ScryptCost(logN: 15, blockSize: 8, parallelism: 1)!
    /// Hashes allowed to run at the same time in this process (4 × 32 MiB).
    public static let maximumConcurrentHashes = 4
    static let saltByteCount = 16
    static let hashByteCount = 32

    private static let concurrencyLimit = DispatchSemaphore(value: maximumConcurrentHashes)

    /// The cost this hasher uses for new hashes and the dummy verification.
    public let cost: ScryptCost

    /// A hasher at `cost`; tests of other targets may pass a cheaper one.
    public init(cost: ScryptCost = PasswordHasher.currentCost) {
        self.cost = cost
    }

    /// Hashes `password` with a fresh random salt and returns the encoded string.
    /// Throws `CryptographyError` (`.openSSL`) only if OpenSSL cannot compute
    /// scrypt, for instance when the 32 MiB cannot be allocated.
    public func hash(_ password: String) throws -> String {
        let salt = SecureRandom.bytes(Self.saltByteCount)
        let derived = try Self.scrypt(password: password, salt: salt, cost: cost, outputCount: Self.hashByteCount)
        return EncodedPasswordHash(cost: cost, salt: salt, hash: derived).encoded
    }

    /// Whether `password` matches `encoded`, using the cost stored in
    /// `encoded`. A malformed or unsupported string verifies as `false`.
    public func verify(_ password: String, against encoded: String) -> Bool {
        guard let stored = EncodedPasswordHash(parsing: encoded) else { return false }
        guard let derived = try? Self.scrypt(password: password, salt: stored.salt, cost: stored.cost, outputCount: stored.hash.count) else {
            return false
        }
        return constantTimeEquals(derived, stored.hash)
    }

    /// Whether `encoded` should be replaced by a fresh hash after a successful
    /// login: it is malformed or made with a weaker cost than this hasher's.
    public func needsRehash(_ encoded: String) -> Bool {
        guard let stored = EncodedPasswordHash(parsing: encoded) else { return true }
        return stored.cost.isWeaker(than: cost) || stored.hash.count < Self.hashByteCount || stored.salt.count < Self.saltByteCount
    }

    /// Does the work of a verification and returns `false`. Call it when the
    /// username is unknown, so the response time does not reveal which
    /// usernames exist.
    public func verifyAgainstDummy(_ password: String) -> Bool {
        let derived = try? Self.scrypt(password: password, salt: Self.dummySalt, cost: cost, outputCount: Self.hashByteCount)
        // Compare anyway so the path matches `verify` step for step; the
        // dummy hash is random, so no password can match it.
        _ = constantTimeEquals(derived ?? [], Self.dummyHash)
        return false
    }

    private static let dummySalt = SecureRandom.bytes(saltByteCount)
    private static let dummyHash = SecureRandom.bytes(hashByteCount)

    private static func scrypt(password: String, salt: [UInt8], cost: ScryptCost, outputCount: Int) throws -> [UInt8] {
        concurrencyLimit.wait()
        defer { concurrencyLimit.signal() }
        return try Scrypt.derive(
            password: Array(password.utf8), salt: salt, costN: UInt64(1) << UInt64(cost.logN),
            blockSize: UInt32(cost.blockSize), parallelism: UInt32(cost.parallelism), outputCount: outputCount)
    }
}
