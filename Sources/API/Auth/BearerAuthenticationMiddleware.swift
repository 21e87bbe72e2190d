import Cryptography
import Foundation
import HTTPCore
import Storage
import Web

/// Turns `Authorization: Bearer <token>` into an `Authentication` in the request context.
///
/// Tokens are looked up by their SHA-256 digest: first as a staff token (unexpired, account
/// active), then as an API key (unrevoked). The middleware never refuses a request itself:
/// routes that need credentials call `context.requireStaff()` and friends, so anonymous
/// routes (`/v1/auth/token`, `/ready`) work without one. It skips `.inline` requests, which
/// run on the event loop and must not touch the database (`/health`, router-made 404/405).
public struct BearerAuthenticationMiddleware: Middleware {
    let services: APIServices
    /// API keys' `last_used_at` is refreshed at most this often (it is approximate).
    static let lastUsedGranularity: TimeInterval = 60

    public init(services: APIServices) {
        self.services = services
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) throws -> HTTPResponse {
        if !context.isInline {
            context.storage[AuthenticationKey.self] = try authenticate(request.headers["Authorization"])
        }
        return next(request, &context)
    }

    func authenticate(_ header: String?) throws -> Authentication {
        guard let header else { return .anonymous }
        let parts = header.trimmingASCIISpaces().split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard let scheme = parts.first, scheme.asciiCaseInsensitiveEquals("bearer") else { return .anonymous }
        guard parts.count == 2 else { return .invalid }
        let token = String(parts[1].trimmingASCIISpaces())
        guard (16...512).contains(token.utf8.count), token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            return .invalid
        }
        let digest = TokenDigest.sha256(token)
        let now = services.clock.now()
        let found = try services.store.read { reader -> Principal? in
            if let grant = try reader.accessTokens.lookup(digest: digest, at: now) {
                return grant.staff.isActive ? .staff(grant.staff) : nil
            }
            return try reader.apiKeys.lookup(digest: digest).map(Principal.apiKey)
        }
        guard let found else { return .invalid }
        if case .apiKey(let key) = found,
           key.lastUsedAt.map({ now.timeIntervalSince($0) >= Self.lastUsedGranularity }) ?? true {
            try? services.store.write(requestID: nil, actor: .apiKey(key.id)) { writer in
                try writer.apiKeys.markUsed(id: key.id, at: now)
            }
        }
        return .authenticated(found)
    }
}
