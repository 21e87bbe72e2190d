import Domain
import Foundation
import HTTPTestClient
import Storage
import Testing

extension LiveAPI {
    /// Records an applicant's arrival and its triage straight through the Domain and Storage
    /// layers (as `POST /v1/visits` does), at the clock's current moment; returns the visit id.
    func arrival(_ purpose: VisitPurpose = .onlineRegistrationAssistance, platform: Platform? = .oss) throws -> String {
        let services = application.services
        let keys = application.personalDataKeys
        let moment = services.clock.moment()
        let form = ApplicantForm(kind: .business, name: "Pemohon", businessName: "CV Kopi Baturaja")
        let applicant = try Applicant.validated(id: services.ids.next(), form, today: moment.today, at: moment.instant)
        let visit = try Visit.arrive(id: services.ids.next(), applicantID: applicant.id, purpose: purpose,
                                     platform: platform, notes: nil, triage: Triage(profile: .default), at: moment)
        return try application.store.write(requestID: nil, actor: .system) { writer in
            try writer.applicants(keys).insert(applicant)
            let stored = try writer.visits.insert(visit, queuePrefix: OfficeProfile.default.queuePrefix)
            try writer.record(ProcedureAudit.summary(stored.decision == .refused ? .visitRefused : .visitRouted,
                                                     visit: stored, before: nil, actor: nil, at: stored.createdAt))
            return stored.id.rawValue
        }
    }

    /// The stored visit, read through Storage.
    func storedVisit(_ id: String) throws -> Visit {
        try #require(try application.store.read { try $0.visits.get(id: VisitID(rawValue: id)) })
    }

    /// Cancels a waiting visit through the domain, as `POST /v1/visits/{id}/cancel` does.
    func cancelVisit(_ id: String) throws {
        let now = application.services.clock.now()
        try application.store.write(requestID: nil, actor: .system) { writer in
            let visit = try #require(try writer.visits.get(id: VisitID(rawValue: id)))
            let cancelled = try visit.cancelled(reason: nil, at: now)
            #expect(try writer.visits.update(cancelled, expectedVersion: visit.version))
        }
    }

    /// Moves the manual clock forward.
    func advance(seconds: TimeInterval) { clock.advance(by: seconds) }
}

/// A `StaffedOffice` whose officer holds an assignment active today, appointed by the head.
struct ServingOffice {
    let office: StaffedOffice
    let officer: Person
    let assignmentID: String

    init(_ live: LiveAPI) throws {
        office = try StaffedOffice(live)
        officer = office.officer
        assignmentID = try live.appoint(officer, by: office.head)
    }
}

extension LiveAPI {
    /// Appoints `officer` as the head; returns the assignment id.
    @discardableResult
    func appoint(_ officer: Person, by head: Person, from: String = "2026-12-03", until: String? = "2026-12-31",
                 decreeDate: String = "2026-12-02") throws -> String {
        var body = appointment(officer, from: from, until: until)
        body["decree_date"] = decreeDate
        let response = try call("POST", "/v1/assignments", body, token: head.token)
        guard response.status == 201, let id = response.object["id"] as? String else {
            throw TestFailure("appointing \(officer.username): \(response.status) \(response.text)")
        }
        return id
    }

    /// Opens a session as `officer` on `visitID`.
    func openSession(_ visitID: String, as officer: Person) throws -> TestResponse {
        try call("POST", "/v1/sessions", ["visit_id": visitID], token: officer.token)
    }
}
