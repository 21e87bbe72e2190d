import Domain
import Foundation
import HTTPTestClient
import Testing

/// Opening consultation sessions: only a staff member holding an assignment active at that
/// moment, only on a waiting routed visit, only once per visit.
@Suite("Opening sessions through the API")
struct SessionOpeningTests {
    @Test(arguments: APIBackend.available)
    func onlyAnOfficerWithAnAssignmentActiveNowOpens(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let office = serving.office
        let scheduled = try live.person("petugas.terjadwal")
        try live.appoint(scheduled, by: office.head, from: "2026-12-10")
        let expired = try live.person("petugas.lama")
        try live.appoint(expired, by: office.head, from: "2026-11-01", until: "2026-12-02", decreeDate: "2026-11-01")
        let revoked = try live.person("petugas.dicabut")
        let revokedAssignment = try live.appoint(revoked, by: office.head)
        #expect(try live.call("POST", "/v1/assignments/\(revokedAssignment)/revoke", ["reason": "Dimutasi."],
                              token: office.head.token).status == 200)
        let visitID = try live.arrival()

        let refused: [(String, String)] = [
            ("admin", LiveAPI.adminToken), ("head of office", office.head.token),
            ("front office", office.frontOffice.token), ("reporting", office.reporting.token),
            ("scheduled officer", scheduled.token), ("expired officer", expired.token),
            ("revoked officer", revoked.token),
        ]
        for (who, token) in refused {
            let response = try live.call("POST", "/v1/sessions", ["visit_id": visitID], token: token)
            #expect(response.status == 403, "\(who)")
            #expect(response.object["type"] as? String == "https://klipso.example/problems/forbidden", "\(who)")
        }
        #expect(try live.storedVisit(visitID).status == .waiting)
        #expect(try live.call("POST", "/v1/sessions", ["visit_id": visitID], token: nil).status == 401)

        let opened = try live.openSession(visitID, as: serving.officer)
        #expect(opened.status == 201)
        let id = try #require(opened.object["id"] as? String)
        #expect(opened.header("Location") == "/v1/sessions/\(id)")
        #expect(opened.header("ETag") == "\"1\"")
        let session = opened.object
        #expect(session["visit_id"] as? String == visitID)
        #expect(session["officer_id"] as? String == serving.officer.id)
        #expect(session["platform"] as? String == "oss")
        #expect(session["status"] as? String == "in_progress")
        #expect(session["started_at"] as? String == "2026-12-03T10:00:30+07:00")
        #expect(session["created_at"] as? String == session["started_at"] as? String)
        #expect(session["completed_at"] is NSNull && session["outcome"] is NSNull && session["next_step"] is NSNull)
        #expect(session["notes"] is NSNull)
        #expect((session["topics"] as? [Any])?.isEmpty == true)
        #expect((session["requirements"] as? [Any])?.isEmpty == true)
        #expect((session["missing_requirements"] as? [Any])?.isEmpty == true)
        #expect(session["version"] as? Int == 1)
        let visit = try live.storedVisit(visitID)
        #expect(visit.status == .inSession && visit.sessionID?.rawValue == id)

        let audit = try live.call("GET", "/v1/audit-events?resource_type=session&resource_id=\(id)")
        #expect(audit.items.map { $0["action"] as? String } == ["session.started"])
        #expect(audit.items.first?["actor_id"] as? String == serving.officer.id)

        let read = try live.call("GET", "/v1/sessions/\(id)", token: office.frontOffice.token)
        #expect(read.status == 200 && read.header("ETag") == "\"1\"")
        #expect(read.object["id"] as? String == id)
        let unchanged = try live.call("GET", "/v1/sessions/\(id)", token: office.reporting.token,
                                      headers: [("If-None-Match", "\"1\"")])
        #expect(unchanged.status == 304)
        #expect(try live.call("GET", "/v1/sessions/nope", token: office.frontOffice.token).status == 404)
    }

    @Test(arguments: APIBackend.available)
    func revokingStopsTheOfficerAtOnce(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let first = try live.openSession(try live.arrival(), as: serving.officer)
        let sessionID = try #require(first.object["id"] as? String)
        let waiting = try live.arrival()

        let revoke = try live.call("POST", "/v1/assignments/\(serving.assignmentID)/revoke",
                                   ["reason": "Dimutasi ke Bidang Perizinan."], token: serving.office.head.token)
        #expect(revoke.status == 200)
        // Same instant on the clock: the revocation takes effect at once, not the next day.
        #expect(try live.openSession(waiting, as: serving.officer).status == 403)
        #expect(try live.storedVisit(waiting).status == .waiting)
        let patch = try live.call("PATCH", "/v1/sessions/\(sessionID)", ["notes": "lanjut"], token: serving.officer.token)
        #expect(patch.status == 403)
        let complete = try live.call("POST", "/v1/sessions/\(sessionID)/complete",
                                     ["outcome": "applicant_left"], token: serving.officer.token)
        #expect(complete.status == 403)
        #expect(try live.call("GET", "/v1/sessions/\(sessionID)").object["status"] as? String == "in_progress")

        // A new appointment lets the officer serve again.
        try live.appoint(serving.officer, by: serving.office.head, from: "2026-12-03", until: nil)
        #expect(try live.openSession(waiting, as: serving.officer).status == 201)
    }

    @Test(arguments: APIBackend.available)
    func onlyAWaitingRoutedVisitWithoutASessionOpens(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let colleague = try live.person("petugas.dua")
        try live.appoint(colleague, by: serving.office.head)

        let refusals: [(VisitPurpose, Platform?)] = [(.complaint, nil), (.statusInquiry, .oss), (.other, nil)]
        for (purpose, platform) in refusals {
            let refusedVisit = try live.arrival(purpose, platform: platform)
            let response = try live.openSession(refusedVisit, as: serving.officer)
            #expect(response.status == 409, "\(purpose)")
            #expect(response.object["current_status"] as? String == "refused", "\(purpose)")
        }
        let cancelled = try live.arrival()
        try live.cancelVisit(cancelled)
        let onCancelled = try live.openSession(cancelled, as: serving.officer)
        #expect(onCancelled.status == 409)
        #expect(onCancelled.object["current_status"] as? String == "cancelled")

        let visitID = try live.arrival(.onlineRegistrationEducation, platform: .eptsp)
        let first = try live.openSession(visitID, as: serving.officer)
        #expect(first.status == 201 && first.object["platform"] as? String == "eptsp")
        for officer in [serving.officer, colleague] {
            let second = try live.openSession(visitID, as: officer)
            #expect(second.status == 409, "\(officer.username)")
            #expect(second.object["conflicting_id"] as? String == first.object["id"] as? String)
            #expect(second.object["current_status"] as? String == "in_session")
        }
        #expect(try live.call("GET", "/v1/sessions?limit=200").items.count == 1)

        let unknown = try live.openSession("01jzzzzzzzzzzzzzzzzzzzzzzz", as: serving.officer)
        #expect(unknown.status == 422 && unknown.errorFields == ["visit_id"])
        let malformed = try live.openSession("not an id!", as: serving.officer)
        #expect(malformed.status == 422 && malformed.errorFields == ["visit_id"])
        let missing = try live.call("POST", "/v1/sessions", ["visit": visitID], token: serving.officer.token)
        #expect(missing.status == 422 && Set(missing.errorFields) == ["visit", "visit_id"])
        let notJSON = try live.client().request("POST", "/v1/sessions", headers: [
            ("Authorization", "Bearer \(serving.officer.token)"), ("Content-Type", "application/json")],
            body: Array("{visit_id".utf8))
        #expect(notJSON.status == 400)
    }
}
