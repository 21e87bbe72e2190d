/// Standard base64 (RFC 4648 §4): keys in files and environment variables,
/// and (unpadded) the salt and hash inside encoded password strings.
///
/// Decoding is strict — no whitespace, no stray characters, canonical padding
/// and trailing bits — so a key that was mangled in transit is rejected
/// instead of silently decoding to different bytes.
public enum Base64 {
    /// Encodes with `+` and `/`, padded with `=` unless `padding` is false.
    public static func encode(_ bytes: some Collection<UInt8>, padding: Bool = true) -> String {
        Base64Codec.standard.encode(Array(bytes), padding: padding)
    }

    /// Decodes padded or unpadded standard base64; `nil` when malformed.
    public static func decode(_ text: String) -> [UInt8]? {
        Base64Codec.standard.decode(text)
    }
}

/// URL- and filename-safe base64 (RFC 4648 §5) without padding, for tokens
/// that appear in headers and URLs.
public enum Base64URL {
    /// Encodes with `-` and `_` and no padding.
    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        Base64Codec.url.encode(Array(bytes), padding: false)
    }

    /// Decodes base64url, with or without padding; `nil` when malformed.
    public static func decode(_ text: String) -> [UInt8]? {
        Base64Codec.url.decode(text)
    }
}

/// One codec parameterised by its two alphabet-specific characters.
struct Base64Codec: Sendable {
    static let standard = Base64Codec(character62: UInt8(ascii: "+"), character63: UInt8(ascii: "/"))
    static let url = Base64Codec(character62: UInt8(ascii: "-"), character63: UInt8(ascii: "_"))

    private let alphabet: [UInt8]
    private let values: [UInt8]  // 0xFF marks a character outside the alphabet.

    private init(character62: UInt8, character63: UInt8) {
        alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8) + [character62, character63]
        var values = [UInt8](repeating: 0xFF, count: 256)
        for (value, character) in alphabet.enumerated() { values[Int(character)] = UInt8(value) }
        self.values = values
    }

    func encode(_ bytes: [UInt8], padding: Bool) -> String {
        var output: [UInt8] = []
        output.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let remaining = bytes.count - index
            let b0 = UInt32(bytes[index])
            let b1 = remaining > 1 ? UInt32(bytes[index + 1]) : 0
            let b2 = remaining > 2 ? UInt32(bytes[index + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            let produced = remaining >= 3 ? 4 : remaining + 1
            for position in 0..<4 {
                if position < produced {
                    output.append(alphabet[Int(group >> UInt32(18 - 6 * position) & 0x3F)])
                } else if padding {
                    output.append(UInt8(ascii: "="))
                }
            }
            index += 3
        }
        return String(decoding: output, as: UTF8.self)
    }

    func decode(_ text: String) -> [UInt8]? {
        var characters = Array(text.utf8)
        if characters.count % 4 == 0, !characters.isEmpty {
            // Strip at most two `=`, and only when the length says they are padding.
            for _ in 0..<2 where characters.last == UInt8(ascii: "=") { characters.removeLast() }
        }
        // A single leftover character cannot encode a whole byte.
        guard characters.count % 4 != 1 else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for character in characters {
            let value = values[Int(character)]
            guard value != 0xFF else { return nil }
            accumulator = accumulator << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8(truncatingIfNeeded: accumulator >> UInt32(bits)))
                accumulator &= (1 << UInt32(bits)) - 1
            }
        }
        // Leftover bits must be zero, otherwise two texts would decode alike.
        guard accumulator == 0 else { return nil }
        return output
    }
}
