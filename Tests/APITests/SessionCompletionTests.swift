import Domain
import Foundation
import HTTPTestClient
import Testing

/// Changing and completing sessions: only their officer while serving, `If-Match`, the
/// contract's outcome table, and the visit following the session.
@Suite("Changing and completing sessions through the API")
struct SessionCompletionTests {
    @Test(arguments: APIBackend.available)
    func theOfficerRecordsTopicsNotesAndTheChecklist(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let colleague = try live.person("petugas.dua")
        try live.appoint(colleague, by: serving.office.head)
        let id = try #require(try live.openSession(try live.arrival(), as: serving.officer).object["id"] as? String)
        let path = "/v1/sessions/\(id)"
        let token = serving.officer.token
        live.advance(seconds: 90)

        let body: [String: Any] = [
            "topics": ["oss_account", "nib_registration"], "notes": "Pemohon belum memiliki NPWP.",
            "requirements": [["name": "NPWP", "fulfilled": false], ["name": "Alamat email aktif", "fulfilled": true]],
        ]
        let changed = try live.call("PATCH", path, body, token: token, headers: [("If-Match", "\"1\"")])
        #expect(changed.status == 200)
        #expect(changed.header("ETag") == "\"2\"")
        #expect(changed.object["topics"] as? [String] == ["oss_account", "nib_registration"])
        #expect(changed.object["notes"] as? String == "Pemohon belum memiliki NPWP.")
        let requirements = changed.object["requirements"] as? [[String: Any]] ?? []
        #expect(requirements.map { $0["name"] as? String } == ["NPWP", "Alamat email aktif"])
        #expect(requirements.map { $0["fulfilled"] as? Bool } == [false, true])
        #expect(changed.object["updated_at"] as? String == "2026-12-03T10:02:00+07:00")

        let stale = try live.call("PATCH", path, ["notes": "x"], token: token, headers: [("If-Match", "\"1\"")])
        #expect(stale.status == 412)
        // Merge patch: `null` clears, absent members stay.
        let cleared = try live.call("PATCH", path, ["notes": NSNull()], token: token)
        #expect(cleared.status == 200 && cleared.object["notes"] is NSNull && cleared.object["version"] as? Int == 3)
        #expect(cleared.object["topics"] as? [String] == ["oss_account", "nib_registration"])

        let invalid: [(String, [String: Any], [String])] = [
            ("duplicate topics", ["topics": ["oss_account", "oss_account"]], ["topics"]),
            ("unknown topic", ["topics": ["karaoke"]], ["topics[0]"]),
            ("empty patch", [:], ["body"]),
            ("unknown member", ["outcome": "referred"], ["outcome"]),
            ("requirement member", ["requirements": [["name": "NPWP", "fulfilled": true, "x": 1]]], ["requirements[0].x"]),
            ("duplicate requirement", ["requirements": [["name": "NPWP", "fulfilled": true], ["name": "NPWP", "fulfilled": false]]],
             ["requirements[1].name"]),
            ("notes too long", ["notes": String(repeating: "a", count: 4001)], ["notes"]),
        ]
        for (what, patch, fields) in invalid {
            let response = try live.call("PATCH", path, patch, token: token)
            #expect(response.status == 422, "\(what)")
            #expect(response.errorFields == fields, "\(what)")
        }
        let byColleague = try live.call("PATCH", path, ["notes": "saya"], token: colleague.token)
        #expect(byColleague.status == 403)
        #expect(try live.call("PATCH", path, ["notes": "admin"]).status == 403)
        #expect(try live.call("PATCH", "/v1/sessions/01jzzzzzzzzzzzzzzzzzzzzzzz", ["notes": "x"], token: token).status == 404)
        #expect(try live.call("GET", path).object["version"] as? Int == 3)
        let audit = try live.call("GET", "/v1/audit-events?resource_type=session&resource_id=\(id)")
        #expect(audit.items.map { $0["action"] as? String } == ["session.started", "session.updated", "session.updated"])
    }

    static let completions: [(outcome: String, nextStep: String?, missing: [String]?)] = [
        ("requirements_complete", "continue_online_registration", nil),
        ("requirements_complete", "front_office_commitment_fulfilment", []),
        ("requirements_incomplete", "return_with_requirements", ["NPWP", "Akta pendirian"]),
        ("referred", "front_office_counter", nil),
        ("referred", "complaints_desk", []),
        ("applicant_left", nil, nil),
        ("applicant_left", nil, ["NPWP"]),
    ]

    @Test(arguments: APIBackend.available)
    func everyOutcomeCompletesWithItsNextStep(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        for (outcome, nextStep, missing) in Self.completions {
            let visitID = try live.arrival()
            let id = try #require(try live.openSession(visitID, as: serving.officer).object["id"] as? String)
            #expect(try live.storedVisit(visitID).status == .inSession)
            live.advance(seconds: 600)
            var body: [String: Any] = ["outcome": outcome]
            if let nextStep { body["next_step"] = nextStep } else if outcome == "applicant_left" { body["next_step"] = NSNull() }
            if let missing { body["missing_requirements"] = missing }
            let done = try live.call("POST", "/v1/sessions/\(id)/complete", body, token: serving.officer.token,
                                     headers: [("If-Match", "\"1\"")])
            #expect(done.status == 200, "\(outcome) \(nextStep ?? "null"): \(done.text)")
            #expect(done.header("ETag") == "\"2\"")
            #expect(done.object["status"] as? String == "completed")
            #expect(done.object["outcome"] as? String == outcome)
            #expect(done.object["next_step"] as? String == nextStep)
            #expect(done.object["missing_requirements"] as? [String] == (missing ?? []))
            #expect(done.object["completed_at"] as? String == done.object["updated_at"] as? String)
            #expect(done.object["completed_at"] is String)
            let visit = try live.storedVisit(visitID)
            #expect(visit.status == .completed && visit.endedAt != nil)
        }
    }

    static var inconsistent: [(what: String, body: [String: Any], fields: [String])] {[
        ("no outcome", ["next_step": "front_office_counter"], ["outcome"]),
        ("unknown outcome", ["outcome": "done"], ["outcome"]),
        ("complete without next step", ["outcome": "requirements_complete"], ["next_step"]),
        ("complete, wrong next step", ["outcome": "requirements_complete", "next_step": "return_with_requirements"],
         ["next_step"]),
        ("complete with missing", ["outcome": "requirements_complete", "next_step": "continue_online_registration",
                                   "missing_requirements": ["NPWP"]], ["missing_requirements"]),
        ("incomplete without missing", ["outcome": "requirements_incomplete", "next_step": "return_with_requirements"],
         ["missing_requirements"]),
        ("incomplete, empty missing", ["outcome": "requirements_incomplete", "next_step": "return_with_requirements",
                                       "missing_requirements": []], ["missing_requirements"]),
        ("incomplete, wrong next step", ["outcome": "requirements_incomplete", "next_step": "front_office_counter",
                                         "missing_requirements": ["NPWP"]], ["next_step"]),
        ("referred, wrong next step", ["outcome": "referred", "next_step": "continue_online_registration"], ["next_step"]),
        ("referred with missing", ["outcome": "referred", "next_step": "complaints_desk", "missing_requirements": ["x"]],
         ["missing_requirements"]),
        ("left with a next step", ["outcome": "applicant_left", "next_step": "front_office_counter"], ["next_step"]),
        ("duplicate missing", ["outcome": "requirements_incomplete", "next_step": "return_with_requirements",
                               "missing_requirements": ["NPWP", "NPWP"]], ["missing_requirements[1]"]),
        ("unknown member", ["outcome": "applicant_left", "reason": "pulang"], ["reason"]),
    ]}

    @Test(arguments: APIBackend.available)
    func inconsistentCompletionsAreRefusedAndOnlyItsOfficerCompletesOnce(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let serving = try ServingOffice(live)
        let colleague = try live.person("petugas.dua")
        try live.appoint(colleague, by: serving.office.head)
        let visitID = try live.arrival()
        let id = try #require(try live.openSession(visitID, as: serving.officer).object["id"] as? String)
        let path = "/v1/sessions/\(id)/complete"
        let token = serving.officer.token
        for (what, body, fields) in Self.inconsistent {
            let response = try live.call("POST", path, body, token: token)
            #expect(response.status == 422, "\(what)")
            #expect(response.errorFields == fields, "\(what): \(response.text)")
        }
        let valid: [String: Any] = ["outcome": "referred", "next_step": "complaints_desk"]
        #expect(try live.call("POST", path, valid, token: colleague.token).status == 403)
        #expect(try live.call("POST", path, valid, token: serving.office.head.token).status == 403)
        #expect(try live.call("POST", path, valid, token: token, headers: [("If-Match", "\"9\"")]).status == 412)
        #expect(try live.storedVisit(visitID).status == .inSession)

        #expect(try live.call("POST", path, valid, token: token).status == 200)
        #expect(try live.storedVisit(visitID).status == .completed)
        let again = try live.call("POST", path, valid, token: token)
        #expect(again.status == 409 && again.object["current_status"] as? String == "completed")
        let patch = try live.call("PATCH", "/v1/sessions/\(id)", ["notes": "terlambat"], token: token)
        #expect(patch.status == 409 && patch.object["current_status"] as? String == "completed")
        let audit = try live.call("GET", "/v1/audit-events?resource_type=session&resource_id=\(id)")
        #expect(audit.items.map { $0["action"] as? String } == ["session.started", "session.completed"])
        #expect((audit.items.last?["after"] as? [String: String])?["outcome"] == "referred")
    }
}
