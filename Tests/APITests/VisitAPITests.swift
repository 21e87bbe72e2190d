import Foundation
import HTTPTestClient
import Synchronization
import Testing

@Suite("Visits and triage through the API")
struct VisitAPITests {
    static let routed = ["online_registration_information", "online_registration_education", "online_registration_assistance"]
    static let refused = [("application_submission", "front_office_counter"), ("commitment_fulfilment", "front_office_counter"),
                          ("status_inquiry", "front_office_counter"), ("complaint", "complaints_desk"),
                          ("other", "front_office_counter")]

    @Test(arguments: APIBackend.available)
    func everyPurposeIsTriagedAsTheContractSays(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let applicant = try desk.applicant()
        for (index, purpose) in Self.routed.enumerated() {
            let visit = try desk.visit(applicant, purpose: purpose, platform: index == 1 ? "eptsp" : "oss")
            #expect(visit.status == 201, "\(purpose)")
            let id = try #require(visit.object["id"] as? String)
            #expect(visit.header("Location") == "/v1/visits/\(id)")
            #expect(visit.header("ETag") == "\"1\"")
            #expect(visit.object["decision"] as? String == "routed_to_klipso")
            #expect(visit.object["status"] as? String == "waiting")
            #expect(visit.object["queue_number"] as? String == "K-00\(index + 1)")
            #expect(visit.object["referred_to"] is NSNull && visit.object["refusal_reason"] is NSNull)
            #expect(visit.object["visit_date"] as? String == "2026-12-03")
            #expect(visit.object["created_at"] as? String == "2026-12-03T10:00:30+07:00")
        }
        for (purpose, desk_) in Self.refused {
            let visit = try desk.visit(applicant, purpose: purpose, platform: nil)
            #expect(visit.status == 201, "\(purpose)")
            #expect(visit.object["decision"] as? String == "refused", "\(purpose)")
            #expect(visit.object["status"] as? String == "refused")
            #expect(visit.object["queue_number"] is NSNull)
            #expect(visit.object["referred_to"] as? String == desk_, "\(purpose)")
            #expect((visit.object["refusal_reason"] as? String ?? "").contains(desk_ == "complaints_desk"
                ? "complaints desk" : "front-office counter"), "\(purpose)")
            #expect(visit.object["platform"] is NSNull)
        }
        let actions = try desk.auditEvents("resource_type=visit").compactMap { $0["action"] as? String }
        #expect(actions == Array(repeating: "visit.routed", count: 3) + Array(repeating: "visit.refused", count: 5))
        // The next routed visit still gets the next number: refusals take none.
        #expect(try desk.visit(applicant).object["queue_number"] as? String == "K-004")
    }

    @Test(arguments: APIBackend.available)
    func twentyConcurrentArrivalsGetTwentyDistinctNumbers(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let applicant = try desk.applicant()
        let results = Mutex<[(status: Int, number: String?)]>([])
        let ready = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        let port = live.application.port
        let certificate = live.dataDirectory + "/tls/dev-cert.pem"
        let token = desk.frontOffice.token
        let body = #"{"applicant_id":"\#(applicant)","purpose":"online_registration_education","platform":"oss"}"#
        for _ in 0..<20 {
            ready.enter()
            done.enter()
            // Each thread connects first, so the 20 requests leave together.
            Thread {
                var outcome: (status: Int, number: String?) = (0, nil)
                defer {
                    results.withLock { $0.append(outcome) }
                    done.leave()
                }
                let client = try? TestClient(port: port)
                _ = try? client?.startTLS(trusting: certificate)
                ready.leave()
                start.wait()
                guard let client, let response = try? client.request(
                    "POST", "/v1/visits", headers: [("Authorization", "Bearer \(token)"), ("Content-Type", "application/json")],
                    body: Array(body.utf8)) else { return }
                outcome = (response.status, (try? response.jsonObject())?["queue_number"] as? String)
            }.start()
        }
        #expect(ready.wait(timeout: .now() + 30) == .success)
        for _ in 0..<20 { start.signal() }
        #expect(done.wait(timeout: .now() + 60) == .success)
        let collected = results.withLock { $0 }
        #expect(collected.map(\.status) == Array(repeating: 201, count: 20))
        let numbers = collected.compactMap(\.number).sorted()
        #expect(numbers == (1...20).map { String(format: "K-%03d", $0) })
        let queue = try live.call("GET", "/v1/queue", token: desk.officer.token)
        #expect(queue.items.compactMap { $0["queue_number"] as? String } == numbers)
    }

    @Test func invalidArrivalsAre422AndOnlyTheFrontOfficeRecords() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let applicant = try desk.applicant()
        func fields(_ body: [String: Any]) throws -> [String] {
            let response = try live.call("POST", "/v1/visits", body, token: desk.frontOffice.token)
            #expect(response.status == 422, "\(body)")
            return response.errorFields
        }
        #expect(try fields(["applicant_id": "01jd8m5c7e9g1j3m5p7r9t1w4x", "purpose": "complaint"]) == ["applicant_id"])
        #expect(try fields(["applicant_id": "not an id!", "purpose": "complaint"]) == ["applicant_id"])
        #expect(try fields(["applicant_id": applicant, "purpose": "online_registration_information"]) == ["platform"])
        #expect(try fields(["applicant_id": applicant, "purpose": "lunch", "platform": "fax"]) == ["purpose", "platform"])
        #expect(try fields(["purpose": "other", "notes": String(repeating: "x", count: 2001)]) == ["applicant_id"])
        #expect(try fields(["applicant_id": applicant, "purpose": "other", "notes": String(repeating: "x", count: 2001)])
            == ["notes"])
        #expect(try fields(["applicant_id": applicant, "purpose": "other", "queue_number": "K-001"]) == ["queue_number"])
        let key = try desk.apiKey(["visits:read", "queue:read", "applicants:read"])
        let body: [String: Any] = ["applicant_id": applicant, "purpose": "complaint"]
        for (who, token) in [("admin", LiveAPI.adminToken), ("officer", desk.officer.token),
                             ("reporting", desk.reporting.token), ("no role", desk.plainStaff.token), ("key", key)] {
            #expect(try live.call("POST", "/v1/visits", body, token: token).status == 403, "\(who)")
        }
        #expect(try live.call("POST", "/v1/visits", body, token: nil).status == 401)
        #expect(try desk.auditEvents("resource_type=visit").isEmpty)
    }

    @Test(arguments: APIBackend.available)
    func cancelAndNoShowFollowTheStateMachine(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let applicant = try desk.applicant()
        let first = try #require(try desk.visit(applicant).object["id"] as? String)
        let second = try #require(try desk.visit(applicant).object["id"] as? String)
        let refused = try #require(try desk.visit(applicant, purpose: "complaint", platform: nil).object["id"] as? String)
        let token = desk.frontOffice.token

        let stale = try live.call("POST", "/v1/visits/\(first)/cancel", ["reason": "x"], token: token,
                                  headers: [("If-Match", "\"2\"")])
        #expect(stale.status == 412)
        let cancelled = try live.call("POST", "/v1/visits/\(first)/cancel", ["reason": "Ada keperluan lain."], token: token,
                                      headers: [("If-Match", "\"1\"")])
        #expect(cancelled.status == 200)
        #expect(cancelled.object["status"] as? String == "cancelled")
        #expect(cancelled.object["cancellation_reason"] as? String == "Ada keperluan lain.")
        #expect(cancelled.header("ETag") == "\"2\"")
        for action in ["cancel", "no-show"] {
            let again = try live.call("POST", "/v1/visits/\(first)/\(action)", token: token)
            #expect(again.status == 409, "\(action)")
            #expect(again.object["current_status"] as? String == "cancelled")
            let onRefused = try live.call("POST", "/v1/visits/\(refused)/\(action)", token: token)
            #expect(onRefused.status == 409)
            #expect(onRefused.object["current_status"] as? String == "refused")
        }
        for (who, token) in [("reporting", desk.reporting.token), ("admin", LiveAPI.adminToken),
                             ("scheduled officer", desk.scheduledOfficer.token), ("key", try desk.apiKey(["visits:read"]))] {
            #expect(try live.call("POST", "/v1/visits/\(second)/no-show", token: token).status == 403, "\(who)")
        }
        let noShow = try live.call("POST", "/v1/visits/\(second)/no-show", token: desk.officer.token)
        #expect(noShow.status == 200)
        #expect(noShow.object["status"] as? String == "no_show")
        #expect(noShow.object["cancellation_reason"] is NSNull)
        #expect(try live.call("POST", "/v1/visits/\(second)/cancel", token: token).object["current_status"] as? String
            == "no_show")
        #expect(try live.call("POST", "/v1/visits/nope/cancel", token: token).status == 404)
        #expect(try live.call("POST", "/v1/visits/\(second)/cancel", ["reason": ""], token: token).status == 422)
        #expect(try live.call("POST", "/v1/visits/\(second)/cancel", ["why": "x"], token: token).errorFields == ["why"])

        let trail = try desk.auditEvents("resource_type=visit")
        let changes = trail.filter { ["visit.cancelled", "visit.no_show"].contains($0["action"] as? String ?? "") }
        #expect(changes.map { $0["resource_id"] as? String } == [first, second])
        #expect(changes.map { $0["actor_id"] as? String } == [desk.frontOffice.id, desk.officer.id])
        #expect((changes.first?["before"] as? [String: Any])?["status"] as? String == "waiting")
    }

    @Test(arguments: APIBackend.available)
    func visitsAreListedByDayAndStatusForStaffAndIntegrations(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let applicant = try desk.applicant()
        let routed = try #require(try desk.visit(applicant).object["id"] as? String)
        let refused = try #require(try desk.visit(applicant, purpose: "other", platform: nil).object["id"] as? String)
        live.clock.advance(by: 86_400)  // staff tokens last 12 h: sign in again
        let frontOffice = try live.login(desk.frontOffice.username)
        let tomorrow = try live.call("POST", "/v1/visits", ["applicant_id": applicant, "purpose": "online_registration_information",
                                                             "platform": "eptsp"], token: frontOffice)
        #expect(tomorrow.object["queue_number"] as? String == "K-001")
        #expect(tomorrow.object["visit_date"] as? String == "2026-12-04")

        let key = try desk.apiKey(["visits:read"])
        for token in [try live.login(desk.reporting.username), try live.login(desk.plainStaff.username), key] {
            let day = try live.call("GET", "/v1/visits?date=2026-12-03", token: token)
            #expect(day.status == 200)
            #expect(day.items.compactMap { $0["id"] as? String } == [routed, refused])
            #expect(try live.call("GET", "/v1/visits/\(routed)", token: token).object["queue_number"] as? String == "K-001")
        }
        let waiting = try live.call("GET", "/v1/visits?status=waiting", token: key)
        #expect(waiting.items.count == 2)
        let refusedOnly = try live.call("GET", "/v1/visits?date=2026-12-03&status=refused", token: key)
        #expect(refusedOnly.items.compactMap { $0["id"] as? String } == [refused])
        #expect(try live.call("GET", "/v1/visits?date=03-12-2026", token: key).status == 400)
        #expect(try live.call("GET", "/v1/visits?status=asleep", token: key).status == 422)
        #expect(try live.call("GET", "/v1/visits/unknown", token: key).status == 404)
        let page = try live.call("GET", "/v1/visits?limit=2", token: key)
        let cursor = try #require(page.object["next_cursor"] as? String)
        #expect(try live.call("GET", "/v1/visits?limit=2&cursor=\(cursor)", token: key).items.count == 1)
        #expect(try live.call("GET", "/v1/visits?limit=2&status=waiting&cursor=\(cursor)", token: key).status == 400)
        let etag = try #require(page.header("ETag"))
        #expect(try live.call("GET", "/v1/visits?limit=2", token: key, headers: [("If-None-Match", etag)]).status == 304)
        let other = try desk.apiKey(["queue:read"])
        #expect(try live.call("GET", "/v1/visits", token: other).status == 403)
        #expect(try live.call("GET", "/v1/visits/\(routed)", token: other).status == 403)
    }
}
