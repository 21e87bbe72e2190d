import Cryptography
import Domain
import Foundation
import HTTPCore
import Storage
import Web

/// `POST /v1/auth/token`: a staff member exchanges username and password for a token.
///
/// Wrong username, wrong password and inactive account answer the same 401 after the same
/// amount of hashing work, so neither the answer nor its timing tells which usernames exist.
/// Failures are counted per client address and per username in the database (so the limit
/// holds across instances); past the limit the answer is 429 until the minute ends.
enum AuthRoutes {
    static let auditAction = AuditAction(rawValue: "auth.token_issued")

    static func install(into router: inout Router, services: APIServices) {
        router.post("/v1/auth/token") { request, context in
            try issueToken(request, context: context, services: services)
        }
    }

    static func issueToken(_ request: HTTPRequest, context: RequestContext, services: APIServices) throws -> HTTPResponse {
        var body = try BodyReader(request, allowed: ["username", "password"])
        let username = body.string("username")
        let password = body.string("password")
        if let username, !(1...64).contains(username.count) { body.fail("username", "must be 1 to 64 characters") }
        if let password, !(1...1024).contains(password.count) { body.fail("password", "must be 1 to 1024 characters") }
        try body.finish()
        guard let username, let password else { throw HTTPError.badRequest() }

        let throttle = LoginThrottle(services: services, address: context.connection.remoteAddress, username: username)
        try throttle.refuseIfLimited()

        let record = try (try? Username(username)).flatMap { name in
            try services.store.read { try $0.staffAccounts.get(username: name) }
        }
        let verified: Bool
        if let hash = record?.passwordHash {
            verified = services.passwordHasher.verify(password, against: hash)
        } else {
            verified = services.passwordHasher.verifyAgainstDummy(password)
        }
        guard verified, let record, record.staff.isActive else {
            try throttle.recordFailure(requestID: context.requestID)
            throw HTTPError.unauthorized("The username or password is wrong, or the account is inactive.")
        }

        let token = AccessToken.generate()
        let now = services.clock.now()
        let expiresAt = now.addingTimeInterval(services.tokenLifetime)
        let staffID = record.staff.id
        try services.store.write(requestID: context.requestID, actor: .staff(staffID)) { writer in
            try writer.accessTokens.insert(digest: TokenDigest.sha256(token), staffID: staffID,
                                           createdAt: now, expiresAt: expiresAt)
            try writer.record(AuditSummary(
                action: auditAction, resourceType: "staff", resourceID: staffID.rawValue, actorID: staffID,
                occurredAt: now, before: nil, after: ["expires_at": services.timestamps.format(expiresAt)]))
        }
        var writer = JSONWriter()
        writer.beginObject()
        writer.field("token", token)
        writer.field("expires_at", services.timestamps.format(expiresAt))
        writer.endObject()
        return .json(writer: writer, headers: ["Cache-Control": "no-store"])
    }
}

/// The failed-login limit for one attempt: its client address and its username.
struct LoginThrottle {
    let services: APIServices
    let keys: [String]

    init(services: APIServices, address: String, username: String) {
        self.services = services
        keys = ["address:" + address, "username:" + username.lowercased()]
    }

    /// 429 with `Retry-After` (seconds to the end of the current window) when either key has
    /// reached the limit.
    func refuseIfLimited() throws {
        let now = services.clock.now()
        let counts = try services.store.read { reader in
            try keys.map { try reader.loginFailures.failureCount(key: $0, at: now) }
        }
        guard counts.contains(where: { $0 >= services.loginFailureLimit }) else { return }
        let remaining = LoginFailureRepository.windowEnd(containing: now).timeIntervalSince(now)
        throw HTTPError.tooManyRequests(retryAfter: max(1, Int(remaining.rounded(.up))),
                                        "Too many failed logins; try again later.")
    }

    func recordFailure(requestID: String) throws {
        let now = services.clock.now()
        try services.store.write(requestID: requestID, actor: .system) { writer in
            for key in keys { try writer.loginFailures.recordFailure(key: key, at: now) }
        }
    }
}
