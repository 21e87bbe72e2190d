import Glibc

/// The `Klipso-Signature` header of webhook deliveries:
/// `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>`.
///
/// Exists so the sender and the verifier (our tests, and the reference code
/// in integrators' docs) build exactly the same string. Binding the timestamp
/// into the MAC lets receivers reject replays outside a tolerance window.
/// The secret is used as the UTF-8 bytes of the text the admin registered.
public enum WebhookSignature {
    /// The HTTP header the signature travels in.
    public static let headerName = "Klipso-Signature"
    /// How far (in seconds) a timestamp may be from the receiver's clock by default.
    public static let defaultTolerance: Int64 = 300

    /// Builds the header value for a delivery made at `timestamp` (unix seconds).
    public static func header(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        "t=\(timestamp),v1=\(signature(secret: secret, timestamp: timestamp, body: body))"
    }

    /// Whether `header` carries a `v1` signature of `body` under `secret` and a
    /// timestamp within `tolerance` seconds of `now`. Several `v1` entries are
    /// accepted (any may match, for secret rotation); unknown keys are ignored.
    public static func verify(
        header: String, secret: String, body: [UInt8], tolerance: Int64 = defaultTolerance, now: Int64 = currentUnixTime()
    ) -> Bool {
        guard header.utf8.count <= 4096, let parsed = ParsedHeader(header) else { return false }
        let distance = now >= parsed.timestamp ? now - parsed.timestamp : parsed.timestamp - now
        guard distance <= tolerance else { return false }
        let expected = Array(signature(secret: secret, timestamp: parsed.timestamp, body: body).utf8)
        var matched = false
        // Check every candidate so timing does not reveal which one matched.
        for candidate in parsed.signatures where constantTimeEquals(Array(candidate.lowercased().utf8), expected) {
            matched = true
        }
        return matched
    }

    /// Seconds since the Unix epoch, from the system clock.
    public static func currentUnixTime() -> Int64 {
        Int64(time(nil))
    }

    static func signature(secret: String, timestamp: Int64, body: [UInt8]) -> String {
        let message = Array("\(timestamp).".utf8) + body
        return HMACSHA256.hexAuthenticationCode(message: message, key: Array(secret.utf8))
    }

    private struct ParsedHeader {
        let timestamp: Int64
        let signatures: [Substring]

        init?(_ header: String) {
            var timestamp: Int64?
            var signatures: [Substring] = []
            for item in header.split(separator: ",", omittingEmptySubsequences: false) {
                let element = item.trimmingSpaces
                guard let equals = element.firstIndex(of: "=") else { return nil }
                let key = element[..<equals]
                let value = element[element.index(after: equals)...]
                switch key {
                case "t":
                    guard timestamp == nil, (1...19).contains(value.count), value.allSatisfy(\.isASCIIDigit), let parsed = Int64(value) else { return nil }
                    timestamp = parsed
                case "v1":
                    signatures.append(value)
                default:
                    continue
                }
            }
            guard let timestamp, !signatures.isEmpty else { return nil }
            self.timestamp = timestamp
            self.signatures = signatures
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

extension Substring {
    /// Drops spaces around an item, tolerating `t=1, v1=…` as well as `t=1,v1=…`.
    fileprivate var trimmingSpaces: Substring {
        var result = self.drop { $0 == " " }
        while result.last == " " { result = result.dropLast() }
        return result
    }
}
