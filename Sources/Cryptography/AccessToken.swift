/// Bearer tokens for staff sessions, API keys and the first admin.
///
/// A token is `kls_` followed by 32 random bytes (256 bits) in unpadded
/// base64url: 47 characters, safe in headers, URLs and shells without
/// quoting. The prefix lets secret scanners and humans recognise a leaked
/// KLIPSO token. Only `TokenDigest.sha256(token)` is ever stored.
public enum AccessToken {
    /// The text every token starts with.
    public static let prefix = "kls_"
    /// Random bytes in a token.
    public static let randomByteCount = 32
    /// Length of a generated token: the prefix plus 43 base64url characters.
    public static let length = prefix.utf8.count + 43

    /// A fresh random token.
    public static func generate() -> String {
        prefix + Base64URL.encode(SecureRandom.bytes(randomByteCount))
    }

    /// Whether `text` has the shape of a generated token. Lets the server
    /// answer 401 for junk without a database lookup; proves nothing else.
    public static func isWellFormed(_ text: String) -> Bool {
        guard text.utf8.count == length, text.hasPrefix(prefix) else { return false }
        let body = String(text.utf8.dropFirst(prefix.utf8.count))!
        return Base64URL.decode(body)?.count == randomByteCount
    }
}

/// The stored form of a token: its SHA-256 as 64 lowercase hex characters.
///
/// Tokens carry 256 bits of entropy, so a fast unsalted hash is enough: a
/// leaked table of digests cannot be reversed, and lookups stay one indexed
/// equality match (`WHERE token_digest = ?`) instead of a slow password hash.
public enum TokenDigest {
    /// The hex SHA-256 of the token's UTF-8 bytes.
    public static func sha256(_ token: String) -> String {
        SHA256.hexDigest(token)
    }

    /// Whether `token` hashes to `storedDigest`, compared in constant time.
    public static func matches(_ token: String, storedDigest: String) -> Bool {
        constantTimeEquals(sha256(token), storedDigest.lowercased())
    }
}
