import Domain
import Foundation
import HTTPTestClient
import Testing

/// `GET /v1/reports/summary`: the figures of a small day equal what happened in it.
@Suite("Report summary through the API")
struct ReportSummaryTests {
    /// A day at the office (2026-12-03, from 10:00:30 WIB): nine arrivals, four sessions by two
    /// officers with four outcomes, a third officer who served no one.
    struct SmallDay {
        let live: LiveAPI
        let serving: ServingOffice
        let second: Person
        let idle: Person

        init(_ live: LiveAPI) throws {
            self.live = live
            serving = try ServingOffice(live)
            second = try live.person("petugas.dua")
            try live.appoint(second, by: serving.office.head)
            idle = try live.person("petugas.tiga")
            try live.appoint(idle, by: serving.office.head)
            let first = serving.officer

            let a = try live.arrival(.onlineRegistrationInformation, platform: .oss)
            let b = try live.arrival(.onlineRegistrationEducation, platform: .eptsp)
            let c = try live.arrival(.onlineRegistrationAssistance, platform: .oss)
            let d = try live.arrival(.onlineRegistrationAssistance, platform: .eptsp)
            _ = try live.arrival(.complaint, platform: nil)
            _ = try live.arrival(.statusInquiry, platform: .oss)
            _ = try live.arrival(.other, platform: nil)
            try live.cancelVisit(try live.arrival(.onlineRegistrationInformation, platform: .oss))
            _ = try live.arrival(.onlineRegistrationInformation, platform: .eptsp)  // still waiting

            live.advance(seconds: 60)
            let sessionA = try open(a, first)                                                  // waited 60
            live.advance(seconds: 120)
            let sessionB = try open(b, second)                                                 // waited 180
            live.advance(seconds: 300)
            try complete(sessionA, first, ["outcome": "requirements_complete",
                                          "next_step": "continue_online_registration"])     // lasted 420
            let sessionC = try open(c, first)                                                  // waited 480
            live.advance(seconds: 600)
            try complete(sessionB, second, ["outcome": "requirements_incomplete", "next_step": "return_with_requirements",
                                            "missing_requirements": ["NPWP"]])               // lasted 900
            try complete(sessionC, first, ["outcome": "referred", "next_step": "complaints_desk"])  // lasted 600
            let sessionD = try open(d, second)                                                 // waited 1080
            live.advance(seconds: 30)
            try complete(sessionD, second, ["outcome": "applicant_left"])                      // lasted 30
        }

        private func open(_ visitID: String, _ officer: Person) throws -> String {
            let response = try live.openSession(visitID, as: officer)
            guard response.status == 201, let id = response.object["id"] as? String else {
                throw TestFailure("opening: \(response.status) \(response.text)")
            }
            return id
        }

        private func complete(_ id: String, _ officer: Person, _ body: [String: Any]) throws {
            let response = try live.call("POST", "/v1/sessions/\(id)/complete", body, token: officer.token)
            guard response.status == 200 else { throw TestFailure("completing: \(response.status) \(response.text)") }
        }

        func expected(from: String = "2026-12-03", to: String = "2026-12-03") -> [String: Any] {
            [
                "from": from, "to": to, "time_zone": "Asia/Jakarta",
                "visits": [
                    "total": 9,
                    "by_purpose": ["online_registration_information": 3, "online_registration_education": 1,
                                   "online_registration_assistance": 2, "application_submission": 0,
                                   "commitment_fulfilment": 0, "status_inquiry": 1, "complaint": 1, "other": 1],
                    "by_decision": ["routed_to_klipso": 6, "refused": 3],
                    "by_status": ["waiting": 1, "in_session": 0, "completed": 4, "cancelled": 1, "no_show": 0, "refused": 3],
                ] as [String: Any],
                "sessions": [
                    "total": 4,
                    "by_outcome": ["requirements_complete": 1, "requirements_incomplete": 1, "referred": 1,
                                   "applicant_left": 1],
                    "by_platform": ["oss": 2, "eptsp": 2],
                    "by_officer": [serving.officer.id: 2, second.id: 2, idle.id: 0],
                ] as [String: Any],
                // Nearest rank: waits 60, 180, 480, 1080; sessions 30, 420, 600, 900.
                "waiting_seconds": ["median": 180, "p90": 1080],
                "session_seconds": ["median": 420, "p90": 900],
            ]
        }
    }

    @Test(arguments: APIBackend.available)
    func theFiguresEqualWhatHappened(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let day = try SmallDay(live)
        let reporting = day.serving.office.reporting.token

        let report = try live.call("GET", "/v1/reports/summary?from=2026-12-03&to=2026-12-03", token: reporting)
        #expect(report.status == 200)
        #expect(report.header("Content-Type") == "application/json; charset=utf-8")
        #expect(NSDictionary(dictionary: report.object).isEqual(to: day.expected()), "\(report.text)")
        // Both days are included: a wider period holding the same day gives the same figures.
        let wider = try live.call("GET", "/v1/reports/summary?from=2026-12-01&to=2026-12-05", token: reporting)
        #expect(NSDictionary(dictionary: wider.object).isEqual(to: day.expected(from: "2026-12-01", to: "2026-12-05")),
                "\(wider.text)")

        let before = try live.call("GET", "/v1/reports/summary?from=2026-12-02&to=2026-12-02", token: reporting)
        let empty = before.object
        #expect((empty["visits"] as? [String: Any])?["total"] as? Int == 0)
        #expect(((empty["visits"] as? [String: Any])?["by_purpose"] as? [String: Int])?.count == 8)
        #expect(((empty["visits"] as? [String: Any])?["by_status"] as? [String: Int])?.values.allSatisfy { $0 == 0 } == true)
        #expect(((empty["sessions"] as? [String: Any])?["by_outcome"] as? [String: Int])?.count == 4)
        #expect(((empty["sessions"] as? [String: Any])?["by_officer"] as? [String: Int])?.isEmpty == true)
        #expect((empty["waiting_seconds"] as? [String: Any])?["median"] is NSNull)
        #expect((empty["session_seconds"] as? [String: Any])?["p90"] is NSNull)

        let tag = try #require(report.header("ETag"))
        let again = try live.call("GET", "/v1/reports/summary?from=2026-12-03&to=2026-12-03", token: reporting,
                                  headers: [("If-None-Match", tag)])
        #expect(again.status == 304)
    }

    @Test(arguments: APIBackend.available)
    func theCSVCarriesTheSameFigures(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let day = try SmallDay(live)
        let csv = try live.call("GET", "/v1/reports/summary?from=2026-12-03&to=2026-12-03",
                                token: day.serving.office.head.token, headers: [("Accept", "text/csv")])
        #expect(csv.status == 200)
        #expect(csv.header("Content-Type") == "text/csv; charset=utf-8")
        #expect(csv.header("Content-Disposition") == "attachment; filename=\"klipso-summary-2026-12-03-2026-12-03.csv\"")
        let text = csv.text
        #expect(text.hasPrefix("metric,value\r\nfrom,2026-12-03\r\nto,2026-12-03\r\ntime_zone,Asia/Jakarta\r\nvisits.total,9\r\n"))
        #expect(text.hasSuffix("waiting_seconds.median,180\r\nwaiting_seconds.p90,1080\r\n"
            + "session_seconds.median,420\r\nsession_seconds.p90,900\r\n"))
        let rows = text.components(separatedBy: "\r\n").dropLast()
        #expect(rows.count == 35)  // header + 34 figures
        var figures: [String: String] = [:]
        for row in rows.dropFirst() {
            let parts = row.split(separator: ",", omittingEmptySubsequences: false)
            #expect(parts.count == 2, "\(row)")
            figures[String(parts[0])] = String(parts.last ?? "")
        }
        #expect(figures["visits.by_purpose.application_submission"] == "0")
        #expect(figures["visits.by_status.cancelled"] == "1")
        #expect(figures["sessions.by_outcome.applicant_left"] == "1")
        #expect(figures["sessions.by_platform.eptsp"] == "2")
        #expect(figures["sessions.by_officer.\(day.serving.officer.id)"] == "2")
        #expect(figures["sessions.by_officer.\(day.idle.id)"] == "0")

        let empty = try live.call("GET", "/v1/reports/summary?from=2026-12-02&to=2026-12-02",
                                  token: day.serving.office.reporting.token, headers: [("Accept", "text/csv")])
        #expect(empty.text.hasSuffix("session_seconds.median,\r\nsession_seconds.p90,\r\n"))
    }

    @Test(arguments: APIBackend.available)
    func onlyReportingAndTheHeadReadReports(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let office = try StaffedOffice(live)
        let path = "/v1/reports/summary?from=2026-12-01&to=2026-12-31"
        for (who, token) in [("admin", LiveAPI.adminToken), ("front office", office.frontOffice.token),
                             ("officer", office.officer.token), ("former head", office.formerHead.token),
                             ("future head", office.futureHead.token)] {
            let response = try live.call("GET", path, token: token)
            #expect(response.status == 403, "\(who)")
            #expect(response.object["type"] as? String == "https://klipso.example/problems/forbidden", "\(who)")
        }
        let key = try #require(try live.call("POST", "/v1/api-keys", ["name": "e-PTSP", "scopes": ["sessions:read"]])
            .object["key"] as? String)
        #expect(try live.call("GET", path, token: key).status == 403)
        #expect(try live.call("GET", path, token: nil).status == 401)
        #expect(try live.call("GET", path, token: office.reporting.token).status == 200)
        #expect(try live.call("GET", path, token: office.head.token).status == 200)
    }

    @Test(arguments: APIBackend.available)
    func periodsAndMediaTypesAreChecked(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let reporting = try live.person("pelaporan", roles: ["reporting"]).token
        func get(_ query: String, accept: String? = nil) throws -> TestResponse {
            try live.call("GET", "/v1/reports/summary?\(query)", token: reporting,
                          headers: accept.map { [("Accept", $0)] } ?? [])
        }
        let cases: [(String, Int, [String])] = [
            ("from=2026-12-04&to=2026-12-03", 422, ["to"]),
            ("from=2026-01-01&to=2027-01-02", 422, ["to"]),  // 367 days
            ("from=2026-12-01", 422, ["to"]),
            ("to=2026-12-01", 422, ["from"]),
            ("", 422, ["from", "to"]),
            ("from=2026-02-30&to=2026-12-01", 400, ["from"]),
            ("from=2026-12-01&to=tomorrow", 400, ["to"]),
        ]
        for (query, status, fields) in cases {
            let response = try get(query)
            #expect(response.status == status, "\(query)")
            #expect(response.errorFields == fields, "\(query)")
        }
        #expect(try get("from=2026-01-01&to=2027-01-01").status == 200)  // 366 days
        #expect(try get("from=2026-12-03&to=2026-12-03").status == 200)

        let query = "from=2026-12-01&to=2026-12-31"
        let notAcceptable = try get(query, accept: "application/xml")
        #expect(notAcceptable.status == 406)
        #expect(notAcceptable.object["type"] as? String == "https://klipso.example/problems/not-acceptable")
        #expect(try get(query, accept: "text/html, application/pdf;q=0.5").status == 406)
        #expect(try get(query, accept: "text/csv;q=0").status == 406)
        let chosen: [(String, String)] = [
            ("*/*", "application/json"), ("application/*", "application/json"), ("text/*", "text/csv"),
            ("text/csv;q=0, application/json", "application/json"), ("application/json;q=0.2, text/csv", "text/csv"),
            ("TEXT/CSV", "text/csv"), ("application/json, text/csv", "application/json"),
        ]
        for (accept, type) in chosen {
            let response = try get(query, accept: accept)
            #expect(response.status == 200, "\(accept)")
            #expect(response.header("Content-Type")?.hasPrefix(type) == true, "\(accept)")
            #expect(response.header("Vary")?.contains("Accept") == true, "\(accept)")
        }
    }
}
