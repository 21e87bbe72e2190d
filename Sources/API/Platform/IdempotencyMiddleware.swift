import Cryptography
import Foundation
import HTTPCore
import Storage
import Synchronization
import Web

/// Makes a retried `POST` safe: with the same `Idempotency-Key` from the same credential and
/// the same method, path and body, the first response comes back and nothing runs again.
///
/// Exists because clients on flaky office networks retry; a retried "create visit" must not
/// make a second visit. Before the handler runs the key is reserved in the database (so it
/// holds across instances); after it, a 2xx response is stored and anything else releases
/// the key. Hence a 4xx or 5xx is never replayed: the retry runs again, which is what a
/// client that fixed its request wants, and cannot create anything the first did not.
/// - same key, different request: 422 `idempotency-key-reused`;
/// - same key while the first is running: 409 `idempotency-key-in-use`;
/// - a malformed key: 400. Anonymous and invalid credentials pass through (the route says 401).
///
/// Stored bodies are sealed with AES-GCM under the data key (a create may answer with a NIK
/// or a new API key), bound to the credential and key. Keys live 24 h; older ones are pruned
/// at most every `pruneInterval`, by whichever request comes next. `/v1/auth/token` is
/// excluded: a login is not a create. Put this inside `BearerAuthenticationMiddleware`.
public struct IdempotencyMiddleware: Middleware {
    let services: APIServices
    let keys: PersonalDataKeys
    /// How long a key and its response are kept.
    let retention: TimeInterval
    /// A reservation still pending after this long belongs to a request that died with its
    /// instance; a retry may take it over.
    let inFlightLease: TimeInterval
    let pruneInterval: TimeInterval
    let excludedRoutes: Set<String> = ["/v1/auth/token"]
    private let lastPrune = PruneSchedule()

    public init(services: APIServices, personalDataKeys: PersonalDataKeys, retention: TimeInterval = 86_400,
                inFlightLease: TimeInterval = 120, pruneInterval: TimeInterval = 600) {
        self.services = services
        self.keys = personalDataKeys
        self.retention = retention
        self.inFlightLease = inFlightLease
        self.pruneInterval = pruneInterval
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) -> HTTPResponse) throws -> HTTPResponse {
        guard request.method == .post, !context.isInline, let route = context.route, !excludedRoutes.contains(route),
              let header = request.headers[IdempotencyKeyRules.headerName],
              case .authenticated(let principal) = context.authentication else {
            return next(request, &context)
        }
        let key = try IdempotencyKeyRules.validate(header)
        let scope = IdempotencyKeyRules.scope(of: principal)
        let now = services.clock.now()
        let reservation = try services.store.write(requestID: context.requestID, actor: principal.auditActor) { writer in
            try writer.idempotencyKeys.reserve(
                scope: scope, key: key, fingerprint: IdempotencyKeyRules.fingerprint(of: request), at: now,
                expiredBefore: now.addingTimeInterval(-retention), abandonedBefore: now.addingTimeInterval(-inFlightLease))
        }
        pruneIfDue(now: now, requestID: context.requestID)
        switch reservation {
        case .reserved:
            let response = next(request, &context)
            settle(response, scope: scope, key: key, context: context, principal: principal)
            return response
        case .completed(let stored):
            return try replay(stored, scope: scope, key: key)
        case .inFlight:
            throw HTTPError(.conflict, type: "idempotency-key-in-use",
                            detail: "A request with this Idempotency-Key is still being processed; retry shortly.")
        case .fingerprintMismatch:
            throw HTTPError(.unprocessableContent, type: "idempotency-key-reused",
                            detail: "This Idempotency-Key was used with a different request.")
        }
    }

    /// Stores a 2xx response, releases the key otherwise. A failure here leaves the key
    /// pending until its lease ends (then a retry runs again); the client still gets its answer.
    private func settle(_ response: HTTPResponse, scope: String, key: String, context: RequestContext,
                        principal: Principal) {
        _ = try? services.store.write(requestID: context.requestID, actor: principal.auditActor) { writer in
            if (200...299).contains(response.status.code), let body = response.body.bytes {
                try writer.idempotencyKeys.complete(scope: scope, key: key, response: StoredResponse(
                    statusCode: response.status.code, contentType: response.headers["Content-Type"],
                    location: response.headers["Location"], etag: response.headers["ETag"],
                    sealedBody: AESGCM.seal(body, key: keys.encryptionKey, associatedData: Self.binding(scope, key))))
            } else {
                try writer.idempotencyKeys.release(scope: scope, key: key)
            }
        }
    }

    private func replay(_ stored: StoredResponse, scope: String, key: String) throws -> HTTPResponse {
        let body = try AESGCM.open(stored.sealedBody, key: keys.encryptionKey, associatedData: Self.binding(scope, key))
        var headers = HTTPHeaders()
        if let contentType = stored.contentType { headers.set("Content-Type", contentType) }
        if let location = stored.location { headers.set("Location", location) }
        if let etag = stored.etag { headers.set("ETag", etag) }
        headers.set("Idempotent-Replayed", "true")
        return HTTPResponse(status: HTTPStatus(code: stored.statusCode), headers: headers, body: .bytes(body))
    }

    private func pruneIfDue(now: Date, requestID: String) {
        guard lastPrune.claim(at: now, interval: pruneInterval) else { return }
        let cutoff = now.addingTimeInterval(-retention)
        _ = try? services.store.write(requestID: requestID, actor: .system) { try $0.idempotencyKeys.prune(before: cutoff) }
    }

    static func binding(_ scope: String, _ key: String) -> String { "idempotency\u{0}\(scope)\u{0}\(key)" }
}

/// When keys were last pruned in this process; one request at a time wins the next turn.
final class PruneSchedule: Sendable {
    private let lastSeconds = Atomic<Int64>(0)

    func claim(at now: Date, interval: TimeInterval) -> Bool {
        let current = Int64(now.timeIntervalSince1970)
        let last = lastSeconds.load(ordering: .relaxed)
        guard current - last >= Int64(interval) else { return false }
        return lastSeconds.compareExchange(expected: last, desired: current, ordering: .relaxed).exchanged
    }
}
