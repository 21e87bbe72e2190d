import Cryptography
import Domain
import Foundation
import Storage

/// Creates the first administrator on first start with an empty database, so a fresh
/// installation can be administered without a back door.
///
/// The account (`admin`, no NIP, role admin) has no usable password; it signs in with a
/// long-lived token: `KLIPSO_ADMIN_TOKEN`'s value when set, otherwise a generated one that is
/// announced once and written to `<data-dir>/admin-token` (mode 0600). Everything happens in
/// one audited write transaction; when two instances start together on one PostgreSQL, the
/// loser's unique-username conflict means "already done".
enum AdminBootstrap {
    static let fileName = "admin-token"
    static let tokenLifetime: TimeInterval = 10 * 365 * 86_400
    static let action = AuditAction(rawValue: "staff.bootstrapped")

    /// Returns the generated token when this call created the admin and generated its token.
    @discardableResult
    static func run(store: KlipsoStore, configuration: ApplicationConfiguration,
                    ids: any IdentifierGenerating) throws -> String? {
        let configuredToken = configuration.adminToken.flatMap { $0.isEmpty ? nil : $0 }
        let token = configuredToken ?? AccessToken.generate()
        let now = configuration.wallClock.now()
        let created: Bool
        do {
            created = try store.write(requestID: nil, actor: .system) { writer in
                guard try writer.staffAccounts.count() == 0 else { return false }
                let admin = Staff(id: ids.next(), nip: nil, name: "Administrator", username: try Username("admin"),
                                  roles: [.admin])
                // Not a valid encoded hash: no password can ever match it.
                let unusable = "!unusable$" + Hex.encode(SecureRandom.bytes(32))
                try writer.staffAccounts.insert(admin, passwordHash: unusable, at: now)
                try writer.accessTokens.insert(digest: TokenDigest.sha256(token), staffID: admin.id, createdAt: now,
                                               expiresAt: now.addingTimeInterval(tokenLifetime))
                try writer.record(AuditSummary(action: action, resourceType: "staff", resourceID: admin.id.rawValue,
                                               actorID: nil, occurredAt: now, before: nil,
                                               after: ["roles": "admin", "is_active": "true", "version": "1"]))
                return true
            }
        } catch let error as StoreError where error.code == .conflict {
            return nil
        }
        guard created else { return nil }
        if configuredToken != nil {
            configuration.announce("first start: created the admin account with the token from KLIPSO_ADMIN_TOKEN")
            return nil
        }
        let path = (configuration.dataDirectory as NSString).appendingPathComponent(fileName)
        let written = try SecretFile.createIfAbsent(directory: configuration.dataDirectory, name: fileName,
                                                    contents: Array((token + "\n").utf8))
        configuration.announce("first start: created the admin account; its token (shown only now) is \(token)"
            + (written ? " — also written to \(path) (mode 0600)" : ""))
        return token
    }
}
