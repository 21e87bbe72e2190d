/// A daily queue number such as `K-007`: the office's prefix, a dash and a sequence number of
/// at least three digits.
///
/// Why it exists: numbers restart every office-local day and are called out and shown on
/// display boards; formatting and parsing them lives in one place. Storage assigns the
/// sequence (atomically, per day); this type only gives it its printed form.
public struct QueueNumber: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let prefix: String
    /// 1 for the first routed visit of the day.
    public let sequence: Int

    public init(prefix: String, sequence: Int) {
        precondition(sequence >= 1, "queue numbers start at 1")
        self.prefix = prefix
        self.sequence = sequence
    }

    /// Parses `PREFIX-NNN` (capital letters, a dash, at least three digits, no leading zeros
    /// beyond the padding); nil for anything else.
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
              parts[0].utf8.allSatisfy({ $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }),
              parts[1].utf8.count >= 3, let value = ASCIIDigits.value(Array(parts[1].utf8)), value >= 1,
              ASCIIDigits.padded(value, width: 3) == String(parts[1]) else { return nil }
        self.init(prefix: String(parts[0]), sequence: value)
    }

    public var text: String { prefix + "-" + ASCIIDigits.padded(sequence, width: 3) }
    public var description: String { text }

    public static func < (lhs: QueueNumber, rhs: QueueNumber) -> Bool {
        (lhs.sequence, lhs.prefix) < (rhs.sequence, rhs.prefix)
    }
}
