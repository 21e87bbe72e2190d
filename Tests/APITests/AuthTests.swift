import Foundation
import HTTPTestClient
import Testing

@Suite("Logging in and bearer credentials")
struct AuthTests {
    @Test(arguments: APIBackend.available)
    func loginIssuesAWorkingToken(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let person = try live.person("siti.rahmawati", roles: ["front_office"])
        let response = try live.call("POST", "/v1/auth/token", ["username": person.username, "password": LiveAPI.password],
                                     token: nil)
        #expect(response.status == 200)
        let token = try #require(response.object["token"] as? String)
        #expect(token.count >= 32)
        #expect(response.object["expires_at"] as? String == "2026-12-03T22:00:30+07:00")
        let head = try live.call("GET", "/v1/head-of-office", token: token)
        #expect(head.status == 404)  // authenticated, but no tenure covers today
        #expect(try live.call("GET", "/v1/staff", token: token).status == 403)
        let audit = try live.call("GET", "/v1/audit-events?resource_id=\(person.id)")
        #expect(audit.items.contains { $0["action"] as? String == "auth.token_issued" })
        #expect(!audit.text.contains(token))
    }

    @Test func wrongPasswordUnknownUserAndInactiveAccountAnswerAlike() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let person = try live.person("dedi.kurniawan")
        let wrong = try live.call("POST", "/v1/auth/token", ["username": person.username, "password": "not-the-password"],
                                  token: nil)
        let unknown = try live.call("POST", "/v1/auth/token", ["username": "nobody.here", "password": LiveAPI.password],
                                    token: nil)
        #expect(try live.call("PATCH", "/v1/staff/\(person.id)", ["is_active": false]).status == 200)
        let inactive = try live.call("POST", "/v1/auth/token", ["username": person.username, "password": LiveAPI.password],
                                     token: nil)
        for response in [wrong, unknown, inactive] {
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == "Bearer")
            #expect(response.object["detail"] as? String == wrong.object["detail"] as? String)
        }
        // The deactivated account's earlier token stops working at once.
        #expect(try live.call("GET", "/v1/head-of-office", token: person.token).status == 401)
    }

    @Test(arguments: APIBackend.available)
    func tenFailuresAMinuteThen429(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        _ = try live.person("rina.marlina")
        for attempt in 1...10 {
            let response = try live.call("POST", "/v1/auth/token", ["username": "rina.marlina", "password": "wrong-\(attempt)"],
                                         token: nil)
            #expect(response.status == 401)
        }
        let limited = try live.call("POST", "/v1/auth/token", ["username": "rina.marlina", "password": LiveAPI.password],
                                    token: nil)
        #expect(limited.status == 429)
        #expect(limited.header("Retry-After") == "30")  // the clock stands at hh:mm:30
        #expect(limited.header("Content-Type") == "application/problem+json; charset=utf-8")
        // Another username from the same (loopback) address is limited too.
        let sameAddress = try live.call("POST", "/v1/auth/token", ["username": "someone.else", "password": "x"], token: nil)
        #expect(sameAddress.status == 429)
        live.clock.advance(by: 31)
        #expect(try live.login("rina.marlina").isEmpty == false)
    }

    @Test func missingMalformedAndUnknownCredentialsAre401WithAChallenge() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let client = try live.client()
        let missing = try client.request("GET", "/v1/staff")
        #expect(missing.status == 401)
        #expect(missing.header("WWW-Authenticate") == "Bearer")
        #expect(missing.object["type"] as? String == "https://klipso.example/problems/unauthorized")
        let basic = try client.request("GET", "/v1/staff", headers: [("Authorization", "Basic YWRtaW46YWRtaW4=")])
        #expect(basic.header("WWW-Authenticate") == "Bearer")
        for value in ["Bearer", "Bearer short", "Bearer kls_unknownunknownunknownunknownunknown12345"] {
            let response = try client.request("GET", "/v1/staff", headers: [("Authorization", value)])
            #expect(response.status == 401)
            #expect(response.header("WWW-Authenticate") == #"Bearer error="invalid_token""#)
        }
        // Tokens expire after their lifetime.
        let person = try live.person("budi.santoso")
        live.clock.advance(by: 12 * 3600 + 1)
        #expect(try live.call("GET", "/v1/head-of-office", token: person.token).status == 401)
        // /health stays anonymous and inline.
        #expect(try client.request("GET", "/health").status == 200)
    }
}
