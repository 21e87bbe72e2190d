import Foundation
import HTTPTestClient
import Testing

@Suite("Applicants through the API")
struct ApplicantAPITests {
    @Test(arguments: APIBackend.available)
    func nikIsFullOnlyForFrontDeskAndEveryFullReadIsAudited(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let nik = FrontDesk.nik(3)
        let created = try live.call("POST", "/v1/applicants",
                                    ["kind": "individual", "name": "Budi Santoso", "nik": nik, "phone": "0812-3456-7890"],
                                    token: desk.frontOffice.token)
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        #expect(created.header("Location") == "/v1/applicants/\(id)")
        #expect(created.header("ETag") == "\"1\"")
        #expect(created.object["nik"] as? String == nik && created.object["nik_masked"] as? Bool == false)
        #expect(created.object["phone"] as? String == "+6281234567890")
        #expect(created.object["business_name"] is NSNull && created.object["nib"] is NSNull)

        var fullReads = [created.header("X-Request-Id")]
        for person in [desk.frontOffice, desk.officer] {
            let read = try live.call("GET", "/v1/applicants/\(id)", token: person.token)
            #expect(read.status == 200, "\(person.username)")
            #expect(read.object["nik"] as? String == nik, "\(person.username)")
            #expect(read.object["nik_masked"] as? Bool == false)
            fullReads.append(read.header("X-Request-Id"))
        }
        let key = try desk.apiKey(["applicants:read"])
        let masked = try live.call("GET", "/v1/applicants/\(id)", token: key)
        #expect(masked.status == 200)
        #expect(masked.object["nik"] as? String == "************0003")
        #expect(masked.object["nik_masked"] as? Bool == true)
        #expect(!masked.text.contains(nik))
        #expect(try live.call("GET", "/v1/applicants?nik=\(nik)", token: key).items.first?["nik_masked"] as? Bool == true)

        // A 304 shows nothing, so it leaves no event.
        let unchanged = try live.call("GET", "/v1/applicants/\(id)", token: desk.frontOffice.token,
                                      headers: [("If-None-Match", "\"1\"")])
        #expect(unchanged.status == 304)

        let reads = try desk.auditEvents("resource_id=\(id)").filter { $0["action"] as? String == "applicant.nik_read" }
        #expect(reads.map { $0["request_id"] as? String } == fullReads)
        #expect(reads.map { $0["actor_id"] as? String } == [desk.frontOffice.id, desk.frontOffice.id, desk.officer.id])
        #expect(reads.allSatisfy { $0["resource_type"] as? String == "applicant" })
        let trail = try live.call("GET", "/v1/audit-events?limit=200")
        #expect(!trail.text.contains(nik) && !trail.text.contains("Budi"))
    }

    @Test func onlyFrontDeskWritesAndOnlyItAndIntegrationsRead() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let byOfficer = try live.call("POST", "/v1/applicants", ["kind": "individual", "name": "Siti", "nik": FrontDesk.nik(7)],
                                      token: desk.officer.token)
        #expect(byOfficer.status == 201)
        let id = try #require(byOfficer.object["id"] as? String)
        let visitsOnly = try desk.apiKey(["visits:read"])
        let refused: [(String, String)] = [
            ("admin", LiveAPI.adminToken), ("reporting", desk.reporting.token), ("no role", desk.plainStaff.token),
            ("scheduled officer", desk.scheduledOfficer.token), ("key without scope", visitsOnly),
        ]
        for (who, token) in refused {
            let create = try live.call("POST", "/v1/applicants", ["kind": "individual", "name": "X", "nik": FrontDesk.nik(8)],
                                       token: token)
            #expect(create.status == 403, "\(who) creating")
            #expect(try live.call("GET", "/v1/applicants/\(id)", token: token).status == 403, "\(who) reading")
            #expect(try live.call("GET", "/v1/applicants", token: token).status == 403, "\(who) listing")
            #expect(try live.call("PATCH", "/v1/applicants/\(id)", ["name": "Y"], token: token).status == 403, "\(who)")
        }
        let key = try desk.apiKey(["applicants:read"])
        #expect(try live.call("POST", "/v1/applicants", ["kind": "individual", "name": "X", "nik": FrontDesk.nik(9)],
                              token: key).status == 403)
        #expect(try live.call("GET", "/v1/applicants/\(id)", token: nil).status == 401)
    }

    @Test(arguments: APIBackend.available)
    func aDuplicateNIKIs409NamingTheHolder(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let first = try desk.applicant(nik: FrontDesk.nik(1))
        let again = try live.call("POST", "/v1/applicants", ["kind": "individual", "name": "Lain", "nik": FrontDesk.nik(1)],
                                  token: desk.frontOffice.token)
        #expect(again.status == 409)
        #expect(again.object["conflicting_id"] as? String == first)
        #expect(again.errorFields == ["nik"])
        let second = try desk.applicant(nik: FrontDesk.nik(2), name: "Rina")
        let moved = try live.call("PATCH", "/v1/applicants/\(second)", ["nik": FrontDesk.nik(1)], token: desk.frontOffice.token)
        #expect(moved.status == 409)
        #expect(moved.object["conflicting_id"] as? String == first)
        let list = try live.call("GET", "/v1/applicants", token: desk.frontOffice.token)
        #expect(list.items.count == 2)
    }

    @Test func invalidFieldsAreAll422AtOnce() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let desk = try FrontDesk(live)
        func fields(_ body: [String: Any]) throws -> Set<String> {
            let response = try live.call("POST", "/v1/applicants", body, token: desk.frontOffice.token)
            #expect(response.status == 422, "\(body)")
            return Set(response.errorFields)
        }
        #expect(try fields(["kind": "individual", "name": "A", "nik": "0001071208850003", "nib": "123",
                            "phone": "12345", "email": "not-mail"]) == ["nik", "nib", "phone", "email"])
        #expect(try fields(["kind": "individual", "name": "A", "nik": "1601073213850003"]) == ["nik"])  // 32 Dec
        #expect(try fields(["kind": "individual", "name": "A", "nik": "1601071208850000"]) == ["nik"])  // serial 0000
        #expect(try fields(["kind": "individual", "name": "A"]) == ["nik"])
        #expect(try fields(["kind": "individual", "name": "A", "nik": FrontDesk.nik(1), "business_name": "CV X"])
            == ["business_name"])
        #expect(try fields(["kind": "business", "name": "A"]) == ["business_name"])
        #expect(try fields(["kind": "robot", "nik": 1601071208850003, "shoe_size": 42]) == ["kind", "name", "nik", "shoe_size"])
        let business = try live.call("POST", "/v1/applicants",
                                     ["kind": "business", "name": "Sri Wahyuni", "business_name": "CV Sumber Rejeki",
                                      "nib": "9120301234567", "phone": "+62 852-6700-1234"], token: desk.frontOffice.token)
        #expect(business.status == 201)
        #expect(business.object["nik"] is NSNull && business.object["nik_masked"] as? Bool == false)
        #expect(business.object["phone"] as? String == "+6285267001234")
        #expect(business.object["nib"] as? String == "9120301234567")
    }

    @Test(arguments: APIBackend.available)
    func patchHonoursIfMatchAndRevalidates(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let id = try desk.applicant()
        let token = desk.frontOffice.token
        let stale = try live.call("PATCH", "/v1/applicants/\(id)", ["phone": "0813-7788-9900"], token: token,
                                  headers: [("If-Match", "\"7\"")])
        #expect(stale.status == 412)
        let changed = try live.call("PATCH", "/v1/applicants/\(id)", ["phone": "0813-7788-9900", "email": "budi@example.id"],
                                    token: token, headers: [("If-Match", "\"1\"")])
        #expect(changed.status == 200)
        #expect(changed.header("ETag") == "\"2\"")
        #expect(changed.object["phone"] as? String == "+6281377889900")
        #expect(changed.object["version"] as? Int == 2)
        #expect(try live.call("PATCH", "/v1/applicants/\(id)", ["phone": "1"], token: token,
                              headers: [("If-Match", "\"1\"")]).status == 412)
        #expect(try live.call("PATCH", "/v1/applicants/\(id)", ["nik": NSNull()], token: token).errorFields
            == ["nik"])
        #expect(try live.call("PATCH", "/v1/applicants/\(id)", ["kind": "business"], token: token).errorFields == ["kind"])
        #expect(try live.call("PATCH", "/v1/applicants/\(id)", [String: Any](), token: token).status == 422)
        #expect(try live.call("PATCH", "/v1/applicants/nope", ["name": "X"], token: token).status == 404)
        let cleared = try live.call("PATCH", "/v1/applicants/\(id)", ["email": NSNull()], token: token,
                                    headers: [("Content-Type", "application/merge-patch+json")])
        #expect(cleared.object["email"] is NSNull)
        let updates = try desk.auditEvents("resource_id=\(id)").compactMap { $0["action"] as? String }
        #expect(updates.filter { $0 == "applicant.updated" }.count == 2)
    }

    @Test(arguments: APIBackend.available)
    func listFindsByNIKAndNameAndPages(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let budi = try desk.applicant(nik: FrontDesk.nik(1), name: "Budi Santoso")
        let rina = try desk.applicant(nik: FrontDesk.nik(2), name: "Rina Marlina")
        let santi = try desk.applicant(nik: FrontDesk.nik(3), name: "Santi Budiarti")
        let token = desk.officer.token
        let byNIK = try live.call("GET", "/v1/applicants?nik=\(FrontDesk.nik(2))", token: token)
        #expect(byNIK.items.map { $0["id"] as? String } == [rina])
        #expect(try live.call("GET", "/v1/applicants?nik=\(FrontDesk.nik(9))", token: token).items.isEmpty)
        let byName = try live.call("GET", "/v1/applicants?q=BUDI", token: token)
        #expect(byName.items.map { $0["id"] as? String } == [budi, santi])
        #expect(try live.call("GET", "/v1/applicants?q=budi&nik=\(FrontDesk.nik(3))", token: token).items.count == 1)
        #expect(try live.call("GET", "/v1/applicants?nik=12345", token: token).status == 400)
        #expect(try live.call("GET", "/v1/applicants?nik=0001071208850003", token: token).status == 422)
        #expect(try live.call("GET", "/v1/applicants?q=b", token: token).status == 422)

        var seen: [String] = []
        var cursor: String?
        for _ in 0..<5 {
            let page = try live.call("GET", "/v1/applicants?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""), token: token)
            #expect(page.status == 200)
            seen += page.items.compactMap { $0["id"] as? String }
            cursor = page.object["next_cursor"] as? String
            if cursor == nil { break }
        }
        #expect(seen == [budi, rina, santi])
        let first = try live.call("GET", "/v1/applicants?limit=1", token: token)
        let next = try #require(first.object["next_cursor"] as? String)
        #expect(!next.contains(FrontDesk.nik(1)))
        #expect(try live.call("GET", "/v1/applicants?limit=1&q=budi&cursor=\(next)", token: token).status == 400)
        // Every applicant shown in full by the pages above left one event per response.
        let reads = try desk.auditEvents("resource_id=\(rina)").filter { $0["action"] as? String == "applicant.nik_read" }
        #expect(reads.allSatisfy { $0["actor_id"] as? String == desk.officer.id || $0["actor_id"] as? String == desk.frontOffice.id })
        #expect(reads.count == 3)  // on creation, by ?nik=, on the first page of two
    }
}
