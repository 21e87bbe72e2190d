/// The one error type of the Cryptography target.
///
/// It exists so callers can tell *why* an operation failed (a tampered
/// ciphertext, a key of the wrong length, an unreadable key file) without
/// parsing strings, while the message carries the context a log reader needs.
/// It is a struct with a growable `Code` rather than an enum so new failure
/// kinds can be added without breaking exhaustive switches downstream.
public struct CryptographyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What kind of failure this is; compare against the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Sealed data is shorter than its fixed header and tag.
        public static let truncated = Code("truncated")
        /// Sealed data starts with a format version this code does not know.
        public static let unsupportedVersion = Code("unsupportedVersion")
        /// The tag did not verify: wrong key, wrong associated data, or tampering.
        public static let authenticationFailed = Code("authenticationFailed")
        /// A key is not exactly the required length or is not valid base64.
        public static let invalidKey = Code("invalidKey")
        /// The key file could not be read, created or trusted.
        public static let keyFile = Code("keyFile")
        /// OpenSSL reported a failure that is not the caller's fault.
        public static let openSSL = Code("openSSL")
        /// Parameters given to a function are out of their supported range.
        public static let invalidParameters = Code("invalidParameters")
    }

    public let code: Code
    /// Human-readable context: what was being done, with which file or sizes.
    public let message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "CryptographyError.\(code): \(message)" }
}
