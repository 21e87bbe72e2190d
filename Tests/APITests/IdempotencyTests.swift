import Foundation
import HTTPCore
import HTTPTestClient
import Storage
import Testing
@testable import API

@Suite("Idempotency-Key on POST")
struct IdempotencyTests {
    static func staffBody(_ username: String, name: String = "Staf Baru") -> [String: Any] {
        ["name": name, "username": username, "password": LiveAPI.password, "roles": ["front_office"]]
    }

    @Test(arguments: APIBackend.available)
    func retryReplaysTheFirstResponseAndCreatesNothing(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let key = [("Idempotency-Key", "7d0c6f1e-3b9a-4e52-9f1d-2a6c8b4e0f13")]
        let first = try live.call("POST", "/v1/staff", Self.staffBody("dewi"), headers: key)
        #expect(first.status == 201)
        let retry = try live.call("POST", "/v1/staff", Self.staffBody("dewi"), headers: key)
        #expect(retry.status == 201)
        #expect(retry.body == first.body)
        #expect(retry.header("Location") == first.header("Location") && retry.header("Location") != nil)
        #expect(retry.header("ETag") == first.header("ETag") && retry.header("ETag") == "\"1\"")
        #expect(retry.header("Content-Type") == first.header("Content-Type"))
        #expect(retry.header("Idempotent-Replayed") == "true")
        #expect(retry.header("X-Request-Id") != first.header("X-Request-Id"))
        #expect(try live.call("GET", "/v1/staff").items.count == 2)  // admin + dewi, once
        let audit = try live.call("GET", "/v1/audit-events?resource_type=staff")
        #expect(audit.items.filter { $0["action"] as? String == "staff.created" }.count == 1)

        // Same key, another body: 422 idempotency-key-reused, and nothing created.
        let reused = try live.call("POST", "/v1/staff", Self.staffBody("dewi", name: "Dewi Lain"), headers: key)
        #expect(reused.status == 422)
        #expect(reused.object["type"] as? String == "https://klipso.example/problems/idempotency-key-reused")
        // Without a key the same request really runs again (and conflicts).
        #expect(try live.call("POST", "/v1/staff", Self.staffBody("dewi")).status == 409)
    }

    @Test(arguments: APIBackend.available)
    func keysAreScopedToTheCredentialAndFailuresAreNotStored(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let otherAdmin = try live.person("admin2", roles: ["admin"])
        let key = [("Idempotency-Key", "shared-key")]
        #expect(try live.call("POST", "/v1/staff", Self.staffBody("eko"), headers: key).status == 201)
        // The other admin's identical key is its own: the request runs (and finds eko taken).
        let other = try live.call("POST", "/v1/staff", Self.staffBody("eko"), token: otherAdmin.token, headers: key)
        #expect(other.status == 409)
        #expect(other.header("Idempotent-Replayed") == nil)

        // A 4xx is not remembered: after fixing the body, a retry with the same key runs.
        let fixKey = [("Idempotency-Key", "fix-me")]
        let invalid = try live.call("POST", "/v1/staff", ["name": "", "username": "fitri", "password": LiveAPI.password],
                                    headers: fixKey)
        #expect(invalid.status == 422)
        let fixed = try live.call("POST", "/v1/staff", Self.staffBody("fitri"), headers: fixKey)
        #expect(fixed.status == 201)
        #expect(fixed.header("Idempotent-Replayed") == nil)

        // Logins ignore the key: every success issues a new token.
        let loginKey = [("Idempotency-Key", "login")]
        let body = ["username": "eko", "password": LiveAPI.password]
        let token1 = try live.call("POST", "/v1/auth/token", body, token: nil, headers: loginKey).object["token"] as? String
        let token2 = try live.call("POST", "/v1/auth/token", body, token: nil, headers: loginKey).object["token"] as? String
        #expect(token1 != nil && token1 != token2)
    }

    @Test func malformedKeysAre400() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        for bad in [String(repeating: "k", count: 256), "has space", "tab\there", "é"] {
            let response = try live.call("POST", "/v1/staff", Self.staffBody("gita"), headers: [("Idempotency-Key", bad)])
            #expect(response.status == 400, "\(bad.prefix(20))")
        }
        let longest = String(repeating: "k", count: 255)
        #expect(try live.call("POST", "/v1/staff", Self.staffBody("gita"), headers: [("Idempotency-Key", longest)]).status == 201)
        #expect(try live.call("GET", "/v1/staff").items.count == 2)
    }

    /// A request holding the key (here: a reservation made by "another instance") makes a
    /// retry answer 409 idempotency-key-in-use; once its lease ends a retry takes over.
    @Test(arguments: APIBackend.available)
    func keyOfARunningRequestIs409(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let adminID = try #require(live.call("GET", "/v1/staff").items.first?["id"] as? String)
        let body = Array(try JSONSerialization.data(withJSONObject: Self.staffBody("hadi"), options: [.sortedKeys]))
        let head = HTTPRequestHead(method: .post, target: "/v1/staff", path: "/v1/staff", query: nil, version: .http1_1,
                                   headers: HTTPHeaders())
        let fingerprint = IdempotencyKeyRules.fingerprint(of: HTTPRequest(
            head: head, body: body, connection: ConnectionInfo(remoteAddress: "127.0.0.1", remotePort: 1, isTLS: true)))
        let now = live.clock.now()
        let reserved = try live.application.store.write(requestID: nil, actor: .system) {
            try $0.idempotencyKeys.reserve(scope: "staff:" + adminID, key: "busy", fingerprint: fingerprint, at: now,
                                           expiredBefore: now.addingTimeInterval(-86_400),
                                           abandonedBefore: now.addingTimeInterval(-120))
        }
        #expect(reserved == .reserved)
        let busy = try live.call("POST", "/v1/staff", Self.staffBody("hadi"), headers: [("Idempotency-Key", "busy")])
        #expect(busy.status == 409)
        #expect(busy.object["type"] as? String == "https://klipso.example/problems/idempotency-key-in-use")
        live.clock.advance(by: 121)
        let taken = try live.call("POST", "/v1/staff", Self.staffBody("hadi"), headers: [("Idempotency-Key", "busy")])
        #expect(taken.status == 201)
    }

    /// Two instances share one database (and data key): a retry landing on the other
    /// instance is replayed from the database.
    @Test(arguments: APIBackend.available)
    func retryOnAnotherInstanceIsReplayed(_ backend: APIBackend) throws {
        let dataKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let first = try LiveAPI(backend) {
            $0.adminToken = LiveAPI.adminToken
            $0.dataKeyBase64 = dataKey
        }
        defer { first.stop() }
        let url = first.application.configuration.resolvedDatabaseURL
        let second = try LiveAPI(backend) {
            $0.adminToken = LiveAPI.adminToken
            $0.dataKeyBase64 = dataKey
            $0.databaseURL = url
        }
        defer { second.stop() }
        let key = [("Idempotency-Key", "cross-instance")]
        let created = try first.call("POST", "/v1/staff", Self.staffBody("indah"), headers: key)
        #expect(created.status == 201)
        let replayed = try second.call("POST", "/v1/staff", Self.staffBody("indah"), headers: key)
        #expect(replayed.status == 201)
        #expect(replayed.body == created.body)
        #expect(replayed.header("Idempotent-Replayed") == "true")
        #expect(try second.call("GET", "/v1/staff").items.count == 2)
    }
}
