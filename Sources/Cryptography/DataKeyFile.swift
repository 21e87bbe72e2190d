/// The data key stored in the data directory as `data.key`, used when
/// `KLIPSO_DATA_KEY` is not set.
///
/// Exists so a fresh installation protects personal data from its first
/// start without configuration, while a restart finds the same key. The file
/// holds the key in standard base64 and a newline, mode 0600.
public enum DataKeyFile {
    /// The file name inside the data directory.
    public static let fileName = "data.key"

    /// Reads `<directory>/data.key`, or generates a key and creates the file
    /// atomically when it does not exist. Throws `CryptographyError`
    /// (`.keyFile` or `.invalidKey`) naming the file when it cannot be read,
    /// is readable by others, or does not hold exactly 32 base64 bytes.
    public static func loadOrCreate(directory: String) throws -> DataKey {
        let path = directory + "/" + fileName
        if let existing = try SecretFile.read(path: path) {
            return try decode(existing, path: path)
        }
        let key = DataKey.generate()
        if try SecretFile.createIfAbsent(directory: directory, name: fileName, contents: Array((key.base64 + "\n").utf8)) {
            return key
        }
        // Another process created the file between our read and our link: use its key.
        guard let existing = try SecretFile.read(path: path) else {
            throw CryptographyError(.keyFile, "\(path) existed a moment ago but is gone")
        }
        return try decode(existing, path: path)
    }

    private static func decode(_ contents: [UInt8], path: String) throws -> DataKey {
        do {
            return try DataKey(base64: String(decoding: contents, as: UTF8.self))
        } catch let error as CryptographyError {
            throw CryptographyError(error.code, "\(path): \(error.message)")
        }
    }
}
