import Foundation
import HTTPTestClient
import Testing

@Suite("Staff accounts")
struct StaffTests {
    static let validNIP = "198811022014031003"

    @Test(arguments: APIBackend.available)
    func createReadConditionalGetAndPatch(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let created = try live.call("POST", "/v1/staff", ["nip": Self.validNIP, "name": "Dedi Kurniawan",
                                                           "username": "dedi.kurniawan", "roles": ["reporting"],
                                                           "password": LiveAPI.password])
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        #expect(created.header("Location") == "/v1/staff/\(id)")
        #expect(created.header("ETag") == "\"1\"")
        #expect(created.object["password"] == nil && !created.text.contains("scrypt"))
        #expect(created.object["nip"] as? String == Self.validNIP)
        #expect(created.object["is_active"] as? Bool == true)
        #expect((created.object["created_at"] as? String)?.hasSuffix("+07:00") == true)

        let read = try live.call("GET", "/v1/staff/\(id)")
        #expect(read.status == 200)
        #expect(read.header("ETag") == "\"1\"")
        let notModified = try live.call("GET", "/v1/staff/\(id)", headers: [("If-None-Match", "\"1\"")])
        #expect(notModified.status == 304)
        #expect(notModified.body.isEmpty)
        #expect(notModified.header("ETag") == "\"1\"")

        let patched = try live.call("PATCH", "/v1/staff/\(id)", ["roles": ["reporting", "front_office"], "nip": NSNull()],
                                    headers: [("If-Match", "\"1\"")])
        #expect(patched.status == 200)
        #expect(patched.object["version"] as? Int == 2)
        #expect(patched.object["nip"] is NSNull)
        #expect(patched.object["roles"] as? [String] == ["front_office", "reporting"])
        let stale = try live.call("PATCH", "/v1/staff/\(id)", ["name": "Dedi K."], headers: [("If-Match", "\"1\"")])
        #expect(stale.status == 412)
        #expect(try live.call("GET", "/v1/staff/\(id)", headers: [("If-None-Match", "\"1\"")]).status == 200)

        // A new password works, and the old one no longer does.
        #expect(try live.call("PATCH", "/v1/staff/\(id)", ["password": "Another-Long-Pass-1"]).status == 200)
        #expect(try live.login("dedi.kurniawan", password: "Another-Long-Pass-1").isEmpty == false)
        let old = try live.call("POST", "/v1/auth/token", ["username": "dedi.kurniawan", "password": LiveAPI.password],
                                token: nil)
        #expect(old.status == 401)

        let audit = try live.call("GET", "/v1/audit-events?resource_type=staff&resource_id=\(id)")
        #expect(audit.items.map { $0["action"] as? String } == ["staff.created", "staff.updated", "staff.updated",
                                                                  "auth.token_issued"])
        #expect(!audit.text.contains(Self.validNIP) && !audit.text.contains("Dedi"))
    }

    @Test func invalidInputIs422WithEveryFieldAndDuplicatesAre409() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let invalid = try live.call("POST", "/v1/staff", ["nip": "198813322014031003", "name": " ", "username": "Not Valid",
                                                           "roles": ["officer"], "password": "short", "extra": 1])
        #expect(invalid.status == 422)
        #expect(invalid.object["type"] as? String == "https://klipso.example/problems/validation-failed")
        #expect(Set(invalid.errorFields) == ["nip", "name", "username", "roles", "password", "extra"])
        let wrongSex = try live.call("POST", "/v1/staff", ["nip": "198811022014033003", "name": "A", "username": "a.b.c",
                                                            "password": LiveAPI.password])
        #expect(wrongSex.errorFields == ["nip"])
        let missing = try live.call("POST", "/v1/staff", ["name": "Only A Name"])
        #expect(Set(missing.errorFields) == ["username", "password"])

        _ = try live.person("siti", nip: Self.validNIP)
        let sameUsername = try live.call("POST", "/v1/staff", ["name": "Siti Lain", "username": "siti",
                                                                "password": LiveAPI.password])
        #expect(sameUsername.status == 409)
        #expect(sameUsername.errorFields == ["username"])
        let sameNIP = try live.call("POST", "/v1/staff", ["name": "Siti Lain", "username": "siti.lain", "nip": Self.validNIP,
                                                           "password": LiveAPI.password])
        #expect(sameNIP.status == 409)
        #expect(sameNIP.errorFields == ["nip"])

        let malformed = try live.client().request("POST", "/v1/staff", headers: [
            ("Authorization", "Bearer \(LiveAPI.adminToken)"), ("Content-Type", "application/json")],
            body: Array("{\"name\":".utf8))
        #expect(malformed.status == 400)
        let wrongType = try live.client().request("POST", "/v1/staff", headers: [
            ("Authorization", "Bearer \(LiveAPI.adminToken)"), ("Content-Type", "text/plain")], body: Array("{}".utf8))
        #expect(wrongType.status == 415)
    }

    @Test func onlyAdminsManageStaffAndAdminsCannotLockThemselvesOut() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let frontOffice = try live.person("front.office", roles: ["front_office"])
        #expect(try live.call("GET", "/v1/staff", token: frontOffice.token).status == 403)
        #expect(try live.call("POST", "/v1/staff", ["name": "X", "username": "xyz", "password": LiveAPI.password],
                              token: frontOffice.token).status == 403)
        let adminID = try #require(live.call("GET", "/v1/staff").items.first?["id"] as? String)
        #expect(try live.call("PATCH", "/v1/staff/\(adminID)", ["is_active": false]).status == 409)
        #expect(try live.call("PATCH", "/v1/staff/\(adminID)", ["roles": []]).status == 409)
        #expect(try live.call("PATCH", "/v1/staff/\(adminID)", [String: Any]()).status == 422)
        #expect(try live.call("GET", "/v1/staff/not-an-id").status == 404)
        #expect(try live.call("GET", "/v1/staff/01jd8m5c7e9g1j3m5p7r9t1w4x").status == 404)
    }

    @Test(arguments: APIBackend.available)
    func paginationWalksEveryAccountOnce(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        for index in 1...4 {
            #expect(try live.call("POST", "/v1/staff", ["name": "Staf \(index)", "username": "staf.\(index)",
                                                         "password": LiveAPI.password]).status == 201)
        }
        var seen: [String] = []
        var cursor: String?
        for _ in 0..<10 {
            let path = "/v1/staff?limit=2" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try live.call("GET", path)
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["username"] as? String }
            cursor = page.object["next_cursor"] as? String
            if cursor == nil { break }
        }
        #expect(seen == ["admin", "staf.1", "staf.2", "staf.3", "staf.4"])
        #expect(try live.call("GET", "/v1/staff?limit=0").status == 422)
        #expect(try live.call("GET", "/v1/staff?limit=201").errorFields == ["limit"])
        #expect(try live.call("GET", "/v1/staff?limit=abc").status == 400)
        #expect(try live.call("GET", "/v1/staff?cursor=bm9wZQ").status == 400)
        let list = try live.call("GET", "/v1/staff")
        let tag = try #require(list.header("ETag"))
        #expect(try live.call("GET", "/v1/staff", headers: [("If-None-Match", tag)]).status == 304)
    }
}
