/// The cost parameters of one scrypt password hash.
///
/// Stored inside every encoded hash so costs can be raised later: old hashes
/// still verify with the cost they were made with, and `needsRehash` tells the
/// login path to re-hash them with the current one.
public struct ScryptCost: Sendable, Hashable, CustomStringConvertible {
    /// log2 of N, the CPU/memory cost.
    public let logN: Int
    /// The block size r.
    public let blockSize: Int
    /// The parallelism p (OpenSSL computes the p lanes one after another).
    public let parallelism: Int

    /// Accepted ranges; anything outside is treated as a malformed hash so a
    /// doctored row cannot make one login allocate gigabytes.
    static let logNRange = 1...20
    static let blockSizeRange = 1...32
    static let parallelismRange = 1...16

    /// Creates a cost; `nil` when outside the supported ranges or above
    /// `Scrypt.maximumMemoryBytes`.
    public init?(logN: Int, blockSize: Int, parallelism: Int) {
        guard Self.logNRange.contains(logN), Self.blockSizeRange.contains(blockSize), Self.parallelismRange.contains(parallelism) else { return nil }
        self.logN = logN
        self.blockSize = blockSize
        self.parallelism = parallelism
        guard memoryBytes <= Scrypt.maximumMemoryBytes else { return nil }
    }

    /// Bytes of memory one hash needs: 128 × r × N.
    public var memoryBytes: UInt64 { 128 * UInt64(blockSize) << UInt64(logN) }

    /// Whether any parameter is lower than in `other`.
    public func isWeaker(than other: ScryptCost) -> Bool {
        logN < other.logN || blockSize < other.blockSize || parallelism < other.parallelism
    }

    /// The PHC parameter segment, `ln=15,r=8,p=1`.
    public var description: String { "ln=\(logN),r=\(blockSize),p=\(parallelism)" }
}
