import Cryptography
import HTTPCore
import Web

/// What an `Idempotency-Key` is bound to: its shape, the credential that sent it, and the
/// request it first came with.
enum IdempotencyKeyRules {
    static let headerName = "Idempotency-Key"
    static let maximumLength = 255

    /// 1–255 visible ASCII characters (`^[!-~]+$`), else 400.
    static func validate(_ key: String) throws -> String {
        let bytes = key.utf8
        guard !bytes.isEmpty, bytes.count <= maximumLength, bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw HTTPError.badRequest("Idempotency-Key must be 1 to \(maximumLength) visible ASCII characters.")
        }
        return key
    }

    /// Keys belong to the credential that sent them: a staff member or an API key.
    static func scope(of principal: Principal) -> String {
        switch principal {
        case .staff(let staff): "staff:" + staff.id.rawValue
        case .apiKey(let key): "api_key:" + key.id.rawValue
        }
    }

    /// SHA-256 (hex) over method, target (path and query) and body, each length-prefixed so no
    /// two different requests share the bytes hashed.
    static func fingerprint(of request: HTTPRequest) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(request.body.count + request.head.target.utf8.count + 32)
        for part in [Array(request.method.rawValue.utf8), Array(request.head.target.utf8), request.body] {
            bytes += Array(String(part.count).utf8)
            bytes.append(0x3A)
            bytes += part
        }
        return SHA256.hexDigest(bytes)
    }
}
