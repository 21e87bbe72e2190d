import Foundation
import HTTPTestClient
import Testing

@Suite("Integration API keys")
struct APIKeyTests {
    @Test(arguments: APIBackend.available)
    func keyIsShownOnceIsReadOnlyAndCanBeRevoked(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let created = try live.call("POST", "/v1/api-keys", ["name": "Papan antrean lobi", "scopes": ["queue:read"]])
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        let key = try #require(created.object["key"] as? String)
        let prefix = try #require(created.object["prefix"] as? String)
        #expect(key.hasPrefix(prefix) && key.count >= 32)
        #expect(created.header("Location") == "/v1/api-keys/\(id)")

        let read = try live.call("GET", "/v1/api-keys/\(id)")
        #expect(read.status == 200)
        #expect(read.object["key"] == nil && !read.text.contains(key))
        #expect(read.object["revoked_at"] is NSNull)
        let list = try live.call("GET", "/v1/api-keys")
        #expect(list.items.count == 1 && !list.text.contains(key))

        // Keys never write and cannot reach staff-only reads.
        #expect(try live.call("GET", "/v1/staff", token: key).status == 403)
        #expect(try live.call("POST", "/v1/staff", ["name": "X", "username": "xyz", "password": LiveAPI.password],
                              token: key).status == 403)
        #expect(try live.call("POST", "/v1/assignments", ["officer_id": id], token: key).status == 403)
        #expect(try live.call("GET", "/v1/head-of-office", token: key).status == 403)

        let stale = try live.call("POST", "/v1/api-keys/\(id)/revoke", headers: [("If-Match", "\"7\"")])
        #expect(stale.status == 412)
        let revoked = try live.call("POST", "/v1/api-keys/\(id)/revoke")
        #expect(revoked.status == 200)
        #expect(revoked.object["revoked_at"] is String)
        #expect(revoked.object["version"] as? Int == 2)
        let again = try live.call("POST", "/v1/api-keys/\(id)/revoke")
        #expect(again.status == 409)
        #expect(again.object["current_status"] as? String == "revoked")
        let refused = try live.call("GET", "/v1/staff", token: key)
        #expect(refused.status == 401)
        #expect(refused.header("WWW-Authenticate") == #"Bearer error="invalid_token""#)
        let adminID = try #require(live.call("GET", "/v1/staff").items.first?["id"] as? String)
        #expect(try live.call("GET", "/v1/api-keys/\(id)").object["revoked_by"] as? String == adminID)

        let audit = try live.call("GET", "/v1/audit-events?resource_type=api_key")
        #expect(audit.items.map { $0["action"] as? String } == ["api_key.created", "api_key.revoked"])
    }

    @Test func invalidKeyRequestsAre422() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let response = try live.call("POST", "/v1/api-keys", ["name": "", "scopes": ["visits:write"]])
        #expect(response.status == 422)
        #expect(Set(response.errorFields) == ["name", "scopes"])
        #expect(try live.call("POST", "/v1/api-keys", ["name": "x", "scopes": []]).errorFields == ["scopes"])
    }
}
