import COpenSSL

/// Compares two byte sequences in time that depends only on their length.
///
/// Exists because `==` stops at the first differing byte, which lets an
/// attacker who can time responses guess a MAC or digest byte by byte.
/// Lengths are not secret here (digests and tags have fixed sizes), so a
/// length mismatch returns `false` at once.
public func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    if lhs.isEmpty { return true }
    return lhs.withUnsafeBytes { left in
        rhs.withUnsafeBytes { right in
            CRYPTO_memcmp(left.baseAddress, right.baseAddress, left.count) == 0
        }
    }
}

/// Compares the UTF-8 bytes of two strings in constant time (see the byte form).
public func constantTimeEquals(_ lhs: String, _ rhs: String) -> Bool {
    constantTimeEquals(Array(lhs.utf8), Array(rhs.utf8))
}
