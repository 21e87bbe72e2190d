import Cryptography
import Domain
import Foundation
import Storage
import Testing

/// Shared pieces of the procedure storage tests: one data key per test, applicants and visits
/// made through the domain rules, and the office clock in WIB.
struct ProcedureStore {
    let store: KlipsoStore
    let keys: PersonalDataKeys
    let profile = OfficeProfile.default

    init(_ store: KlipsoStore) throws {
        self.store = store
        keys = try PersonalDataKeys(master: DataKey.generate())
    }

    static func moment(_ text: String) -> OfficeMoment {
        let date = instant(text)
        return OfficeMoment(instant: date, today: OfficeTimeZone.jakarta.localDate(of: date))
    }

    @discardableResult
    func addApplicant(_ name: String, nik: String? = nil, kind: Applicant.Kind = .individual) throws -> Applicant {
        let form = ApplicantForm(kind: kind, name: name, nik: nik, businessName: kind == .business ? "CV \(name)" : nil)
        let applicant = try Applicant.validated(id: testIDs.next(), form, today: day("2026-12-03"),
                                                at: instant("2026-12-03T08:00:00+07:00"))
        let keys = self.keys
        try store.write(requestID: nil, actor: .system) { writer in
            try writer.applicants(keys).insert(applicant)
            try writer.record(ProcedureAudit.summary(.applicantCreated, applicant: applicant, before: nil, actor: nil,
                                                     at: applicant.createdAt))
        }
        return applicant
    }

    /// Records an arrival through triage and storage, as `POST /v1/visits` would.
    func arrive(_ applicant: Applicant, _ purpose: VisitPurpose = .onlineRegistrationAssistance,
                platform: Platform? = .oss, at text: String = "2026-12-03T10:00:00+07:00") throws -> Visit {
        let visit = try Visit.arrive(id: testIDs.next(), applicantID: applicant.id, purpose: purpose, platform: platform,
                                     notes: nil, triage: Triage(profile: profile), at: Self.moment(text))
        let prefix = profile.queuePrefix
        return try store.write(requestID: nil, actor: .system) { writer in
            let stored = try writer.visits.insert(visit, queuePrefix: prefix)
            try writer.record(ProcedureAudit.summary(stored.decision == .refused ? .visitRefused : .visitRouted,
                                                     visit: stored, before: nil, actor: nil, at: stored.createdAt))
            return stored
        }
    }
}

/// The error of type `E` thrown by `body`, or nil (recording an issue).
func thrown<E: Error, T>(_ type: E.Type, _ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> E? {
    do {
        _ = try body()
        Issue.record("expected \(E.self), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as E {
        return error
    } catch {
        Issue.record("expected \(E.self), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
