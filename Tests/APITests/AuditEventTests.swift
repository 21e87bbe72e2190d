import Foundation
import HTTPTestClient
import Testing

@Suite("The audit trail through the API")
struct AuditEventTests {
    @Test(arguments: APIBackend.available)
    func everyChangeAppearsOnceInOrderWithFilters(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let office = try StaffedOffice(live)
        let created = try live.call("POST", "/v1/assignments", live.appointment(office.officer), token: office.head.token,
                                    headers: [("X-Request-Id", "appoint-1")])
        let id = try #require(created.object["id"] as? String)
        // Refused attempts leave no event.
        _ = try live.call("POST", "/v1/assignments", live.appointment(office.officer), token: office.frontOffice.token)
        _ = try live.call("POST", "/v1/assignments/\(id)/revoke", ["reason": "pindah tugas"], token: office.head.token)

        let trail = try live.call("GET", "/v1/audit-events?resource_type=assignment", token: office.reporting.token)
        #expect(trail.status == 200)
        #expect(trail.items.map { $0["action"] as? String } == ["assignment.created", "assignment.revoked"])
        #expect(trail.items.allSatisfy { $0["resource_id"] as? String == id && $0["actor_id"] as? String == office.head.id })
        #expect(trail.items.first?["request_id"] as? String == "appoint-1")
        #expect(trail.items.first?["before"] is NSNull)
        #expect((trail.items.last?["after"] as? [String: String])?["status"] == "revoked")
        #expect(!trail.text.contains("pindah tugas"))  // free-text reasons stay out of the trail
        let seqs = trail.items.compactMap { $0["seq"] as? Int }
        #expect(seqs == seqs.sorted() && Set(seqs).count == 2)

        let byHead = try live.call("GET", "/v1/audit-events?actor_id=\(office.head.id)&resource_id=\(id)",
                                   token: office.head.token)
        #expect(byHead.items.count == 2)
        let tenures = try live.call("GET", "/v1/audit-events?resource_type=head_of_office_tenure")
        #expect(tenures.items.count == 3)

        // Walk everything two at a time: every event exactly once, in seq order.
        var all: [Int] = []
        var cursor: String?
        for _ in 0..<50 {
            let page = try live.call("GET", "/v1/audit-events?limit=2" + (cursor.map { "&cursor=\($0)" } ?? ""))
            all += page.items.compactMap { $0["seq"] as? Int }
            cursor = page.object["next_cursor"] as? String
            if cursor == nil { break }
        }
        #expect(all == Array(1...all.count))
        #expect(all.count == (try live.call("GET", "/v1/audit-events?limit=200").items.count))

        #expect(try live.call("GET", "/v1/audit-events?from=2026-12-03&to=2026-12-03").items.count == all.count)
        #expect(try live.call("GET", "/v1/audit-events?from=2026-12-04").items.isEmpty)
        #expect(try live.call("GET", "/v1/audit-events?from=2026-12-04&to=2026-12-03").status == 422)
        #expect(try live.call("GET", "/v1/audit-events?from=yesterday").status == 400)
        #expect(try live.call("GET", "/v1/audit-events?resource_type=Assignment").status == 422)
    }

    @Test func onlyAdminsReportingAndTheHeadReadIt() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let office = try StaffedOffice(live)
        for token in [LiveAPI.adminToken, office.reporting.token, office.head.token] {
            #expect(try live.call("GET", "/v1/audit-events", token: token).status == 200)
        }
        for token in [office.frontOffice.token, office.officer.token, office.formerHead.token, office.futureHead.token] {
            #expect(try live.call("GET", "/v1/audit-events", token: token).status == 403)
        }
    }
}
