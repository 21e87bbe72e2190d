/// The 32-byte master key protecting personal data (NIK encryption and its
/// lookup hash), from `KLIPSO_DATA_KEY` or `<data-dir>/data.key`.
///
/// Exists so a key is validated once, where it enters the process, and is
/// never printed: `description` is redacted, and no error message includes
/// key material. Equality is constant-time.
public struct DataKey: Sendable, Equatable, CustomStringConvertible {
    /// A key's exact length in bytes.
    public static let byteCount = 32

    let bytes: [UInt8]

    /// Wraps raw key bytes; throws `.invalidKey` unless there are exactly 32.
    public init(bytes: [UInt8]) throws {
        guard bytes.count == Self.byteCount else {
            throw CryptographyError(.invalidKey, "a data key must be exactly \(Self.byteCount) bytes; got \(bytes.count)")
        }
        self.bytes = bytes
    }

    /// Decodes standard base64 (surrounding whitespace and newlines ignored);
    /// throws `.invalidKey` when it is not base64 or not exactly 32 bytes.
    public init(base64 text: String) throws {
        let trimmed = text.trimmingASCIIWhitespace
        guard let decoded = Base64.decode(trimmed) else {
            throw CryptographyError(.invalidKey, "a data key must be \(Self.byteCount) bytes in standard base64 (44 characters); the text given is not valid base64")
        }
        guard decoded.count == Self.byteCount else {
            throw CryptographyError(.invalidKey, "a data key must be \(Self.byteCount) bytes in standard base64 (44 characters); it decodes to \(decoded.count) bytes")
        }
        self.bytes = decoded
    }

    /// A fresh random key.
    public static func generate() -> DataKey {
        // Cannot throw: SecureRandom returns exactly the count asked for.
        try! DataKey(bytes: SecureRandom.bytes(byteCount))
    }

    /// The key from the value of `KLIPSO_DATA_KEY`; errors name the variable.
    public static func fromEnvironment(_ value: String, variableName: String = "KLIPSO_DATA_KEY") throws -> DataKey {
        do {
            return try DataKey(base64: value)
        } catch let error as CryptographyError {
            throw CryptographyError(error.code, "\(variableName): \(error.message)")
        }
    }

    /// The key KLIPSO runs with: from the environment value when it is set and
    /// not empty, otherwise loaded from (or created in) `dataDirectory`.
    public static func resolve(environmentValue: String?, dataDirectory: String) throws -> DataKey {
        if let environmentValue, !environmentValue.trimmingASCIIWhitespace.isEmpty {
            return try fromEnvironment(environmentValue)
        }
        return try DataKeyFile.loadOrCreate(directory: dataDirectory)
    }

    /// The key as standard padded base64, the form stored in `data.key`.
    var base64: String { Base64.encode(bytes) }

    public static func == (lhs: DataKey, rhs: DataKey) -> Bool {
        constantTimeEquals(lhs.bytes, rhs.bytes)
    }

    public var description: String { "DataKey(redacted)" }
}

extension String {
    var trimmingASCIIWhitespace: String {
        let isSpace: (UInt8) -> Bool = { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        let bytes = Array(utf8)
        guard let first = bytes.firstIndex(where: { !isSpace($0) }), let last = bytes.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}
