import Foundation
import Synchronization

/// Makes new identifiers; services take one so tests can make predictable ids.
public protocol IdentifierGenerating: Sendable {
    /// A fresh raw identifier, never returned before by this generator.
    func nextRawValue() -> String
}

extension IdentifierGenerating {
    /// A fresh identifier of whatever kind the context asks for.
    public func next<Kind: IdentifierKind>(_ kind: Kind.Type = Kind.self) -> Identifier<Kind> {
        Identifier(rawValue: nextRawValue())
    }
}

/// 128-bit, time-ordered, random identifiers in lowercase Crockford base32 (26 characters).
///
/// Layout (ULID-like): 48 bits of Unix milliseconds, then 80 random bits. Ids from one
/// generator are strictly increasing even within a millisecond or if the clock steps back
/// (the random part is incremented instead), so they double as a creation-order cursor.
/// 80 random bits make collisions between instances negligible.
public final class TimeOrderedIdentifierGenerator: IdentifierGenerating {
    static let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz".utf8)
    static let length = 26
    private static let randomMask: UInt128 = (UInt128(1) << 80) - 1

    private let clock: any WallClock
    private let last = Mutex<UInt128?>(nil)

    public init(clock: any WallClock = SystemWallClock()) {
        self.clock = clock
    }

    public func nextRawValue() -> String {
        let millis = UInt128(max(0, min(clock.now().timeIntervalSince1970 * 1000, 0xFFFF_FFFF_FFFF)))
        var generator = SystemRandomNumberGenerator()
        let random = UInt128(generator.next() as UInt64) << 16 | UInt128(generator.next() as UInt16)
        let candidate = millis << 80 | random
        let value = last.withLock { previous -> UInt128 in
            let chosen: UInt128
            if let previous, candidate <= previous {
                chosen = previous &+ 1
            } else {
                chosen = candidate
            }
            previous = chosen
            return chosen
        }
        return Self.encode(value)
    }

    /// Base32 of the 128-bit value: the first character carries the top 3 bits.
    static func encode(_ value: UInt128) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        var rest = value
        for index in stride(from: length - 1, through: 0, by: -1) {
            bytes[index] = alphabet[Int(rest & 31)]
            rest >>= 5
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// True for 26 lowercase Crockford characters whose first one is `0`…`7` (128 bits).
    public static func isWellFormed(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == length, let first = bytes.first,
              first >= UInt8(ascii: "0"), first <= UInt8(ascii: "7") else { return false }
        return bytes.allSatisfy(alphabet.contains)
    }
}
