import Foundation
import HTTPTestClient
import Testing

/// A whole KLIPSO day through the real HTTP API over TLS, as the regulation's
/// procedure runs it: the admin sets up staff and the head's tenure, the head
/// appoints officers, the front office registers applicants and visits of every
/// purpose, officers serve and complete sessions with every outcome, and the
/// report's numbers equal what happened.
@Suite("A full KLIPSO day")
struct KlipsoDayTests {
    @Test(arguments: APIBackend.available)
    func theReportEqualsWhatHappened(backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }

        // Admin: staff accounts and the head of office's tenure.
        let head = try live.person("kepala.dinas")
        let front = try live.person("front.office", roles: ["front_office"])
        let reporting = try live.person("pelaporan", roles: ["reporting"])
        let officerA = try live.person("petugas.a")
        let officerB = try live.person("petugas.b")
        try live.tenure(head, capacity: "plt", from: "2026-01-01", until: "2026-12-31")

        // The head appoints two officers by decree; nobody else could.
        #expect(try live.call("POST", "/v1/assignments", live.appointment(officerA), token: front.token).status == 403)
        try live.appoint(officerA, by: head)
        try live.appoint(officerB, by: head)

        // The front office registers applicants and records visits of every purpose.
        let routedPurposes = ["online_registration_information", "online_registration_education", "online_registration_assistance"]
        let refusedPurposes = ["application_submission", "commitment_fulfilment", "status_inquiry", "complaint", "other"]
        var routed: [String] = []
        for index in 0..<6 {
            let applicant = try register(live, front, serial: index + 1)
            let visit = try live.call("POST", "/v1/visits", ["applicant_id": applicant, "purpose": routedPurposes[index % 3],
                                                            "platform": index < 2 || index >= 4 ? "oss" : "eptsp"], token: front.token)
            #expect(visit.status == 201)
            #expect(visit.object["queue_number"] as? String == String(format: "K-%03d", index + 1))
            routed.append(try #require(visit.object["id"] as? String))
        }
        for (index, purpose) in refusedPurposes.enumerated() {
            let applicant = try register(live, front, serial: 20 + index)
            let visit = try live.call("POST", "/v1/visits", ["applicant_id": applicant, "purpose": purpose], token: front.token)
            #expect(visit.status == 201)
            #expect(visit.object["status"] as? String == "refused")
            #expect(visit.object["referred_to"] as? String == (purpose == "complaint" ? "complaints_desk" : "front_office_counter"))
        }
        let queue = try live.call("GET", "/v1/queue", token: front.token)
        #expect((queue.object["items"] as? [[String: Any]])?.count == 6)

        // Officers open sessions one minute apart: waits of 60, 120, 180 and 240 seconds.
        var sessions: [String] = []
        for index in 0..<4 {
            live.advance(seconds: 60)
            let officer = index.isMultiple(of: 2) ? officerA : officerB
            let opened = try live.openSession(routed[index], as: officer)
            #expect(opened.status == 201)
            sessions.append(try #require(opened.object["id"] as? String))
        }
        #expect(try live.openSession(routed[0], as: officerB).status == 409)
        #expect(try live.call("POST", "/v1/sessions", ["visit_id": routed[4]], token: head.token).status == 403)

        // Ten minutes later all four complete, each with a different outcome.
        live.advance(seconds: 600)
        let completions: [[String: Any]] = [
            ["outcome": "requirements_complete", "next_step": "continue_online_registration"],
            ["outcome": "requirements_incomplete", "next_step": "return_with_requirements", "missing_requirements": ["NPWP"]],
            ["outcome": "referred", "next_step": "complaints_desk"],
            ["outcome": "applicant_left"],
        ]
        for (index, body) in completions.enumerated() {
            let officer = index.isMultiple(of: 2) ? officerA : officerB
            let completed = try live.call("POST", "/v1/sessions/\(sessions[index])/complete", body, token: officer.token)
            #expect(completed.status == 200, "\(completed.text)")
        }
        #expect(try live.call("POST", "/v1/visits/\(routed[4])/cancel", ["reason": "left early"], token: front.token).status == 200)
        #expect(try live.call("POST", "/v1/visits/\(routed[5])/no-show", nil, token: front.token).status == 200)

        // The reporting division reads the day.
        let report = try live.call("GET", "/v1/reports/summary?from=2026-12-03&to=2026-12-03", token: reporting.token)
        #expect(report.status == 200)
        let visits = try #require(report.object["visits"] as? [String: Any])
        #expect(visits["total"] as? Int == 11)
        #expect(visits["by_decision"] as? [String: Int] == ["routed_to_klipso": 6, "refused": 5])
        let byStatus = try #require(visits["by_status"] as? [String: Int])
        #expect(byStatus["completed"] == 4 && byStatus["cancelled"] == 1 && byStatus["no_show"] == 1)
        #expect(byStatus["refused"] == 5 && byStatus["waiting"] == 0 && byStatus["in_session"] == 0)
        let byPurpose = try #require(visits["by_purpose"] as? [String: Int])
        #expect(byPurpose.count == 8 && byPurpose.values.allSatisfy { $0 == 1 || $0 == 2 })
        #expect(byPurpose["online_registration_information"] == 2 && byPurpose["complaint"] == 1)
        let sessionFigures = try #require(report.object["sessions"] as? [String: Any])
        #expect(sessionFigures["total"] as? Int == 4)
        #expect(sessionFigures["by_outcome"] as? [String: Int] == ["requirements_complete": 1, "requirements_incomplete": 1,
                                                                   "referred": 1, "applicant_left": 1])
        #expect(sessionFigures["by_platform"] as? [String: Int] == ["oss": 2, "eptsp": 2])
        #expect(sessionFigures["by_officer"] as? [String: Int] == [officerA.id: 2, officerB.id: 2])
        // Nearest-rank: waits 60/120/180/240 s, sessions 600/660/720/780 s.
        #expect(report.object["waiting_seconds"] as? [String: Int] == ["median": 120, "p90": 240])
        #expect(report.object["session_seconds"] as? [String: Int] == ["median": 660, "p90": 780])

        let csv = try live.client().request("GET", "/v1/reports/summary?from=2026-12-03&to=2026-12-03",
                                            headers: [("Authorization", "Bearer \(head.token)"), ("Accept", "text/csv")])
        #expect(csv.status == 200)
        #expect(csv.text.contains("visits.total,11"))

        // Every change left an audit event.
        let audit = try live.call("GET", "/v1/audit-events?limit=200", token: reporting.token)
        #expect(((audit.object["items"] as? [[String: Any]])?.count ?? 0) >= 30)
    }

    private func register(_ live: LiveAPI, _ front: Person, serial: Int) throws -> String {
        let nik = "1601074508" + String(format: "%02d", 90) + String(format: "%04d", serial)
        let response = try live.call("POST", "/v1/applicants", ["kind": "individual", "name": "Pemohon \(serial)", "nik": nik,
                                                                "phone": "0812-3456-\(String(format: "%04d", serial))"], token: front.token)
        guard response.status == 201, let id = response.object["id"] as? String else {
            throw TestFailure("registering applicant \(serial): \(response.status) \(response.text)")
        }
        return id
    }
}
