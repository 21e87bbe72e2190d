/// The two subkeys derived from the master `DataKey` with HKDF-SHA256.
///
/// Exists so the encryption key is never also used as an HMAC key: the NIK is
/// encrypted under one subkey (info `"klipso nik encryption v1"`) and its
/// searchable lookup hash is computed under another (info `"klipso nik lookup
/// v1"`). Knowing a lookup hash or the lookup key reveals nothing about the
/// encryption key. Instances sharing a database must share the master key.
public struct PersonalDataKeys: Sendable {
    static let encryptionInfo = "klipso nik encryption v1"
    static let lookupInfo = "klipso nik lookup v1"

    /// The AES-256-GCM key for sealing personal data.
    public let encryptionKey: DataKey
    private let lookupKey: [UInt8]

    /// Derives both subkeys from `master`.
    public init(master: DataKey) throws {
        encryptionKey = try DataKey(bytes: HKDF.deriveSHA256(
            inputKeyMaterial: master.bytes, info: Array(Self.encryptionInfo.utf8), outputCount: DataKey.byteCount))
        lookupKey = try HKDF.deriveSHA256(inputKeyMaterial: master.bytes, info: Array(Self.lookupInfo.utf8), outputCount: 32)
    }

    /// The deterministic lookup hash of `value` (for example a normalised
    /// NIK): lowercase hex HMAC-SHA256 under the lookup key. Store it in an
    /// indexed column to find and de-duplicate rows without decrypting.
    public func lookupHash(_ value: String) -> String {
        HMACSHA256.hexAuthenticationCode(message: value, key: lookupKey)
    }

    /// Seals `plaintext` under the encryption key, bound to `associatedData`.
    public func seal(_ plaintext: String, associatedData: String) -> [UInt8] {
        AESGCM.seal(Array(plaintext.utf8), key: encryptionKey, associatedData: associatedData)
    }

    /// Opens what `seal` produced; throws `CryptographyError` on any mismatch
    /// or if the plaintext is not UTF-8.
    public func open(_ sealed: [UInt8], associatedData: String) throws -> String {
        let bytes = try AESGCM.open(sealed, key: encryptionKey, associatedData: associatedData)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw CryptographyError(.authenticationFailed, "opened personal data is not valid UTF-8")
        }
        return text
    }
}
