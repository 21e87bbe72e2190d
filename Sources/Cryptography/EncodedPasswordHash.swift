/// The self-describing text form of a password hash, in the style of the PHC
/// string format: `$scrypt$ln=15,r=8,p=1$<salt>$<hash>`, salt and hash in
/// standard base64 without padding.
///
/// Parsing is strict and total: any deviation yields `nil`, never a trap, so
/// a corrupted database row simply fails to verify.
struct EncodedPasswordHash: Sendable, Equatable {
    static let algorithmIdentifier = "scrypt"
    static let saltByteRange = 8...64
    static let hashByteRange = 16...64

    let cost: ScryptCost
    let salt: [UInt8]
    let hash: [UInt8]

    init(cost: ScryptCost, salt: [UInt8], hash: [UInt8]) {
        self.cost = cost
        self.salt = salt
        self.hash = hash
    }

    var encoded: String {
        "$\(Self.algorithmIdentifier)$\(cost)$\(Base64.encode(salt, padding: false))$\(Base64.encode(hash, padding: false))"
    }

    init?(parsing text: String) {
        // Bounded input: a stored hash is well under 200 characters.
        guard text.utf8.count <= 512 else { return nil }
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty, fields[1] == Self.algorithmIdentifier else { return nil }
        guard let cost = Self.parseCost(fields[2]),
            let salt = Self.decodeUnpadded(fields[3]), Self.saltByteRange.contains(salt.count),
            let hash = Self.decodeUnpadded(fields[4]), Self.hashByteRange.contains(hash.count)
        else { return nil }
        self.init(cost: cost, salt: salt, hash: hash)
    }

    /// Parses exactly `ln=<n>,r=<n>,p=<n>` in that order.
    private static func parseCost(_ text: Substring) -> ScryptCost? {
        let pairs = text.split(separator: ",", omittingEmptySubsequences: false)
        guard pairs.count == 3 else { return nil }
        var values: [Int] = []
        for (pair, expectedName) in zip(pairs, ["ln", "r", "p"]) {
            let parts = pair.split(separator: "=", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0] == expectedName, let value = parseSmallDecimal(parts[1]) else { return nil }
            values.append(value)
        }
        return ScryptCost(logN: values[0], blockSize: values[1], parallelism: values[2])
    }

    /// One to three ASCII digits, no sign, no leading zero.
    private static func parseSmallDecimal(_ text: Substring) -> Int? {
        let digits = Array(text.utf8)
        guard (1...3).contains(digits.count), digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
        guard digits.count == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        return digits.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
    }

    /// The PHC format omits padding; reject texts that carry it anyway.
    private static func decodeUnpadded(_ text: Substring) -> [UInt8]? {
        guard !text.contains("=") else { return nil }
        return Base64.decode(String(text))
    }
}
