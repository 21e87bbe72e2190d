import Foundation
import HTTPTestClient
import Testing

@Suite("Today's queue through the API")
struct QueueAPITests {
    @Test(arguments: APIBackend.available)
    func theQueueHoldsTodaysWaitingVisitsInOrderWithoutPersonalData(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let budi = try desk.applicant(nik: FrontDesk.nik(1), name: "Budi Santoso")
        let rina = try desk.applicant(nik: FrontDesk.nik(2), name: "Rina Marlina")
        var ids: [String] = []
        for (applicant, purpose) in [(budi, "online_registration_information"), (rina, "complaint"),
                                     (rina, "online_registration_assistance"), (budi, "online_registration_education"),
                                     (rina, "online_registration_information")] {
            ids.append(try #require(try desk.visit(applicant, purpose: purpose).object["id"] as? String))
            live.clock.advance(by: 60)
        }
        _ = try live.call("POST", "/v1/visits/\(ids[3])/cancel", token: desk.frontOffice.token)

        let key = try desk.apiKey(["queue:read"])
        let queue = try live.call("GET", "/v1/queue", token: key)
        #expect(queue.status == 200)
        #expect(queue.object["date"] as? String == "2026-12-03")
        #expect(queue.object["time_zone"] as? String == "Asia/Jakarta")
        #expect(queue.items.compactMap { $0["visit_id"] as? String } == [ids[0], ids[2], ids[4]])
        #expect(queue.items.compactMap { $0["queue_number"] as? String } == ["K-001", "K-002", "K-004"])
        #expect(queue.items.first?["waiting_since"] as? String == "2026-12-03T10:00:30+07:00")
        #expect(queue.items.allSatisfy { $0["status"] as? String == "waiting" && $0["officer_id"] is NSNull })
        #expect(Set(queue.items.first?.keys.map { $0 } ?? []) == ["visit_id", "queue_number", "status", "waiting_since",
                                                                 "purpose", "platform", "session_id", "officer_id"])
        #expect(!queue.text.contains("Budi") && !queue.text.contains("Rina") && !queue.text.contains(budi))
        let tag = try #require(queue.header("ETag"))
        #expect(try live.call("GET", "/v1/queue", token: key, headers: [("If-None-Match", tag)]).status == 304)
        _ = try live.call("POST", "/v1/visits/\(ids[0])/no-show", token: desk.frontOffice.token)
        let after = try live.call("GET", "/v1/queue", token: desk.plainStaff.token, headers: [("If-None-Match", tag)])
        #expect(after.status == 200)
        #expect(after.items.compactMap { $0["queue_number"] as? String } == ["K-002", "K-004"])

        for token in [desk.reporting.token, desk.officer.token, LiveAPI.adminToken] {
            #expect(try live.call("GET", "/v1/queue", token: token).status == 200)
        }
        #expect(try live.call("GET", "/v1/queue", token: try desk.apiKey(["visits:read"])).status == 403)
        #expect(try live.call("GET", "/v1/queue", token: nil).status == 401)

        live.clock.advance(by: 86_400)
        let tomorrow = try live.call("GET", "/v1/queue", token: key)
        #expect(tomorrow.object["date"] as? String == "2026-12-04")
        #expect(tomorrow.items.isEmpty)
    }
}
