import Glibc

/// Whether an IP address is on the public internet, the local host, or some other
/// non-public network (private, link-local, carrier-grade NAT, multicast, reserved…).
///
/// Why it exists: webhooks must not become a way to reach the server's own network (SSRF).
/// Literal addresses are checked when a webhook is created; every address a host name
/// resolves to is checked again at delivery time, just before connecting to it.
public enum NetworkAddressClass: Sendable, Equatable {
    case publicAddress
    case loopback
    case nonPublic

    /// The class of a literal IPv4 or IPv6 address, or nil if `text` is not one.
    public static func of(literal text: String) -> NetworkAddressClass? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return of(ipv4: withUnsafeBytes(of: v4.s_addr) { Array($0) })
        }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 {
            return of(ipv6: withUnsafeBytes(of: v6) { Array($0) })
        }
        return nil
    }

    /// `bytes` in network order.
    static func of(ipv4 bytes: [UInt8]) -> NetworkAddressClass {
        let (a, b) = (bytes[0], bytes[1])
        if a == 127 { return .loopback }
        let nonPublic = a == 0 || a == 10 || (a == 100 && (64...127).contains(b)) || (a == 169 && b == 254)
            || (a == 172 && (16...31).contains(b)) || (a == 192 && b == 168) || (a == 192 && b == 0 && bytes[2] == 0)
            || (a == 198 && (18...19).contains(b)) || a >= 224
        return nonPublic ? .nonPublic : .publicAddress
    }

    static func of(ipv6 bytes: [UInt8]) -> NetworkAddressClass {
        if bytes[0..<15].allSatisfy({ $0 == 0 }) {
            return bytes[15] == 1 ? .loopback : .nonPublic  // ::1, ::
        }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return of(ipv4: Array(bytes[12..<16]))  // IPv4-mapped
        }
        let first = bytes[0]
        if first == 0xFF || (first & 0xFE) == 0xFC || (first == 0xFE && (bytes[1] & 0xC0) == 0x80) {
            return .nonPublic  // multicast, unique local, link-local
        }
        return .publicAddress
    }
}
