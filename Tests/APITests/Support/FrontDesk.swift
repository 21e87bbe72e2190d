import Foundation
import HTTPTestClient
import Testing

/// An office on 2026-12-03 with everyone the front-desk routes tell apart: front office, a
/// serving officer (active assignment), an officer whose appointment starts later, reporting,
/// and staff with no role at all.
struct FrontDesk {
    let live: LiveAPI
    let frontOffice: Person
    let officer: Person
    let scheduledOfficer: Person
    let reporting: Person
    let plainStaff: Person

    init(_ live: LiveAPI) throws {
        self.live = live
        frontOffice = try live.person("front.office", roles: ["front_office"])
        officer = try live.person("petugas.klipso")
        scheduledOfficer = try live.person("petugas.baru")
        reporting = try live.person("pelaporan", roles: ["reporting"])
        plainStaff = try live.person("staf.umum")
        let head = try live.person("kepala")
        try live.tenure(head, from: "2026-01-01", until: "2026-12-31")
        for (person, from) in [(officer, "2026-12-03"), (scheduledOfficer, "2026-12-10")] {
            let appointed = try live.call("POST", "/v1/assignments", live.appointment(person, from: from), token: head.token)
            guard appointed.status == 201 else { throw TestFailure("appointing: \(appointed.status) \(appointed.text)") }
        }
    }

    /// Creates an individual applicant as the front office and returns its id.
    func applicant(nik: String = FrontDesk.nik(1), name: String = "Budi Santoso") throws -> String {
        let created = try live.call("POST", "/v1/applicants", ["kind": "individual", "name": name, "nik": nik],
                                    token: frontOffice.token)
        guard created.status == 201, let id = created.object["id"] as? String else {
            throw TestFailure("creating applicant: \(created.status) \(created.text)")
        }
        return id
    }

    /// Records a visit as the front office.
    func visit(_ applicantID: String, purpose: String = "online_registration_assistance",
               platform: String? = "oss") throws -> TestResponse {
        var body: [String: Any] = ["applicant_id": applicantID, "purpose": purpose]
        if let platform { body["platform"] = platform }
        return try live.call("POST", "/v1/visits", body, token: frontOffice.token)
    }

    /// An API key made by the admin with `scopes`.
    func apiKey(_ scopes: [String]) throws -> String {
        let created = try live.call("POST", "/v1/api-keys", ["name": "Integrasi e-PTSP", "scopes": scopes])
        guard created.status == 201, let key = created.object["key"] as? String else {
            throw TestFailure("creating key: \(created.status) \(created.text)")
        }
        return key
    }

    /// `GET /v1/audit-events` as the admin, filtered by `query`.
    func auditEvents(_ query: String) throws -> [[String: Any]] {
        try live.call("GET", "/v1/audit-events?limit=200&" + query).items
    }

    /// A valid NIK (man born 12 August 1985, Baturaja Timur) with serial `serial`.
    static func nik(_ serial: Int) -> String {
        "160107120885" + String(format: "%04d", serial)
    }
}
