import Foundation
import HTTPTestClient
import Testing

/// An office on 2026-12-03 with people in every position relative to the head-of-office rules.
struct StaffedOffice {
    let live: LiveAPI
    let frontOffice: Person
    let reporting: Person
    let officer: Person
    let formerHead: Person
    let head: Person
    let futureHead: Person
    let currentTenureID: String

    init(_ live: LiveAPI, capacity: String = "definitive") throws {
        self.live = live
        frontOffice = try live.person("front.office", roles: ["front_office"])
        reporting = try live.person("pelaporan", roles: ["reporting"])
        officer = try live.person("petugas.satu")
        formerHead = try live.person("kepala.lama")
        head = try live.person("kepala")
        futureHead = try live.person("kepala.baru")
        try live.tenure(formerHead, from: "2026-01-01", until: "2026-06-30")
        currentTenureID = try live.tenure(head, capacity: capacity, from: "2026-07-01", until: "2026-12-31")
        try live.tenure(futureHead, capacity: "plt", from: "2027-01-01", until: nil)
    }

    /// Everyone who must get 403 on appointing and revoking, with their tokens.
    var everyoneButTheHead: [(String, String)] {
        [("admin", LiveAPI.adminToken), ("front office", frontOffice.token), ("reporting", reporting.token),
         ("officer", officer.token), ("former head", formerHead.token), ("future head", futureHead.token)]
    }
}

@Suite("Officer assignments through the API")
struct OfficerAssignmentAPITests {
    @Test(arguments: APIBackend.available)
    func onlyTheCurrentHeadAppointsAndRevokes(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let office = try StaffedOffice(live)
        let body = live.appointment(office.officer)
        for (who, token) in office.everyoneButTheHead {
            let response = try live.call("POST", "/v1/assignments", body, token: token)
            #expect(response.status == 403, "\(who) appointing")
            #expect(response.object["type"] as? String == "https://klipso.example/problems/forbidden", "\(who)")
        }
        let created = try live.call("POST", "/v1/assignments", body, token: office.head.token)
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        for (who, token) in office.everyoneButTheHead {
            let response = try live.call("POST", "/v1/assignments/\(id)/revoke", ["reason": "dimutasi"], token: token)
            #expect(response.status == 403, "\(who) revoking")
        }
        #expect(try live.call("GET", "/v1/assignments/\(id)", token: office.officer.token).object["status"] as? String
            == "active")
        let revoked = try live.call("POST", "/v1/assignments/\(id)/revoke", ["reason": "Dimutasi ke Bidang Perizinan."],
                                    token: office.head.token)
        #expect(revoked.status == 200)
        #expect(revoked.object["status"] as? String == "revoked")
        #expect(revoked.object["revoked_by"] as? String == office.head.id)
        #expect(revoked.object["revocation_reason"] as? String == "Dimutasi ke Bidang Perizinan.")
        let twice = try live.call("POST", "/v1/assignments/\(id)/revoke", ["reason": "lagi"], token: office.head.token)
        #expect(twice.status == 409)
        #expect(twice.object["current_status"] as? String == "revoked")
    }

    @Test(arguments: ["definitive", "plt", "plh"])
    func theHeadSignsInTheCapacityOfTheTenure(_ capacity: String) throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let office = try StaffedOffice(live, capacity: capacity)
        let created = try live.call("POST", "/v1/assignments", live.appointment(office.officer), token: office.head.token)
        #expect(created.status == 201)
        #expect(created.object["signed_capacity"] as? String == capacity)
        #expect(created.object["signed_by"] as? String == office.head.id)
        #expect(created.object["signed_under_tenure_id"] as? String == office.currentTenureID)
        #expect(created.object["effective_until"] as? String == "2026-12-31")
        #expect(created.object["revoked_at"] is NSNull)
        let location = try #require(created.header("Location"))
        #expect(try live.call("GET", location, token: office.frontOffice.token).status == 200)
    }

    @Test(arguments: APIBackend.available)
    func rulesOfAppointmentAreAnswered422And409(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let office = try StaffedOffice(live)
        let itself = try live.call("POST", "/v1/assignments", live.appointment(office.head), token: office.head.token)
        #expect(itself.status == 422)
        #expect(itself.errorFields == ["officer_id"])
        var unknown = live.appointment(office.officer)
        unknown["officer_id"] = "01jd8m5c7e9g1j3m5p7r9t1w4x"
        #expect(try live.call("POST", "/v1/assignments", unknown, token: office.head.token).errorFields == ["officer_id"])
        let first = try live.call("POST", "/v1/assignments", live.appointment(office.officer), token: office.head.token)
        #expect(first.status == 201)
        let overlap = try live.call("POST", "/v1/assignments", live.appointment(office.officer, from: "2026-12-20", until: nil),
                                    token: office.head.token)
        #expect(overlap.status == 409)
        #expect(overlap.object["conflicting_id"] as? String == first.object["id"] as? String)
        let scheduled = try live.call("POST", "/v1/assignments", live.appointment(office.reporting, from: "2026-12-10"),
                                      token: office.head.token)
        #expect(scheduled.object["status"] as? String == "scheduled")

        let active = try live.call("GET", "/v1/assignments?status=active", token: office.officer.token)
        #expect(active.items.map { $0["officer_id"] as? String } == [office.officer.id])
        let mine = try live.call("GET", "/v1/assignments?officer_id=\(office.reporting.id)", token: office.officer.token)
        #expect(mine.items.count == 1 && mine.items.first?["status"] as? String == "scheduled")
        #expect(try live.call("GET", "/v1/assignments?status=paused", token: office.officer.token).status == 422)
        let paged = try live.call("GET", "/v1/assignments?limit=1", token: office.officer.token)
        let cursor = try #require(paged.object["next_cursor"] as? String)
        #expect(try live.call("GET", "/v1/assignments?limit=1&status=active&cursor=\(cursor)",
                              token: office.officer.token).status == 400)
        #expect(try live.call("GET", "/v1/assignments?limit=1&cursor=\(cursor)", token: office.officer.token).items.count == 1)
    }

    @Test(arguments: APIBackend.available)
    func tenuresNeverOverlapAndTheCurrentHeadIsPublishedToStaff(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let first = try live.person("kepala")
        let second = try live.person("kepala.plt")
        let openTenure = try live.tenure(first, from: "2026-07-01", until: nil)
        let overlap = try live.call("POST", "/v1/head-of-office/tenures", ["staff_id": second.id, "capacity": "plt",
                                                                          "decree_number": "821/2/KPTS/2027",
                                                                          "starts_on": "2027-01-01"])
        #expect(overlap.status == 409)
        #expect(overlap.object["conflicting_id"] as? String == openTenure)
        #expect(try live.call("POST", "/v1/head-of-office/tenures", ["staff_id": second.id, "capacity": "acting",
                                                                    "decree_number": "x", "starts_on": "2027-13-01"])
            .errorFields.sorted() == ["capacity", "starts_on"])
        #expect(try live.call("POST", "/v1/head-of-office/tenures", ["staff_id": second.id, "capacity": "plt",
                                                                    "decree_number": "x", "starts_on": "2027-01-01"],
                              token: first.token).status == 403)

        let stale = try live.call("PATCH", "/v1/head-of-office/tenures/\(openTenure)", ["ends_on": "2026-12-31"],
                                  headers: [("If-Match", "\"2\"")])
        #expect(stale.status == 412)
        let closed = try live.call("PATCH", "/v1/head-of-office/tenures/\(openTenure)", ["ends_on": "2026-12-31"],
                                   headers: [("If-Match", "\"1\"")])
        #expect(closed.status == 200)
        #expect(closed.object["version"] as? Int == 2)
        try live.tenure(second, capacity: "plt", from: "2027-01-01", until: nil)

        let head = try live.call("GET", "/v1/head-of-office", token: second.token)
        #expect(head.status == 200)
        #expect(head.object["staff_id"] as? String == first.id)
        #expect(head.object["staff_name"] as? String == "Staf kepala")
        #expect(head.header("ETag") == "\"2\"")
        let tenures = try live.call("GET", "/v1/head-of-office/tenures?limit=1", token: second.token)
        #expect(tenures.items.first?["id"] as? String == openTenure)
        let next = try #require(tenures.object["next_cursor"] as? String)
        let rest = try live.call("GET", "/v1/head-of-office/tenures?limit=1&cursor=\(next)", token: second.token)
        #expect(rest.items.first?["staff_id"] as? String == second.id)
        #expect(rest.object["next_cursor"] is NSNull)

        // When the clock passes into 2027 the next head takes over.
        live.clock.advance(by: 40 * 86_400)
        let later = try live.call("GET", "/v1/head-of-office")
        #expect(later.object["staff_id"] as? String == second.id)
        #expect(later.object["capacity"] as? String == "plt")
    }
}
