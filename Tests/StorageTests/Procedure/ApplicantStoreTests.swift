import Cryptography
import Database
import Domain
import Foundation
import Storage
import Testing

@Suite struct ApplicantStoreTests {
    static let budiNIK = "1601071208850003"

    @Test(arguments: TestBackends.available)
    func theNIKIsStoredEncryptedAndReadBackWhole(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let budi = try procedure.addApplicant("Budi Santoso", nik: Self.budiNIK)
            let read = try store.read { try $0.applicants(procedure.keys).get(id: budi.id) }
            #expect(read == budi)
            #expect(read?.nik?.unmaskedDigits == Self.budiNIK && read?.nik?.birthDate == day("1985-08-12"))

            let row = try #require(try store.pool.read {
                try $0.queryFirst("SELECT nik_ciphertext, nik_lookup, nik_last4 FROM applicants WHERE id = ?", [.text(budi.id.rawValue)])
            })
            let ciphertext = try row.blob("nik_ciphertext")
            #expect(ciphertext.count > 16)
            let digits = Array(Self.budiNIK.utf8)
            #expect(!ciphertext.indices.contains { ciphertext[$0...].starts(with: digits) })
            #expect(try row.string("nik_lookup") != Self.budiNIK && !(try row.string("nik_lookup")).contains(Self.budiNIK))
            #expect(try row.string("nik_last4") == "0003")

            // Another data key cannot read it: the data is unusable without the key.
            let otherKeys = try PersonalDataKeys(master: DataKey.generate())
            let error = storeError { try store.read { try $0.applicants(otherKeys).get(id: budi.id) } }
            #expect(error?.code == .corruptData)
        }
    }

    @Test(arguments: TestBackends.available)
    func aDuplicateNIKConflictsNamingTheHolder(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let budi = try procedure.addApplicant("Budi Santoso", nik: Self.budiNIK)
            let again = thrown(NIKAlreadyRecorded.self) { try procedure.addApplicant("Budi S.", nik: Self.budiNIK) }
            #expect(again?.existingApplicantID == budi.id)
            let representative = thrown(NIKAlreadyRecorded.self) {
                try procedure.addApplicant("Budi", nik: Self.budiNIK, kind: .business)
            }
            #expect(representative?.existingApplicantID == budi.id)
            // Businesses without a NIK never clash with each other.
            try procedure.addApplicant("Sri", kind: .business)
            try procedure.addApplicant("Wahyu", kind: .business)
            #expect(try store.read { try $0.applicants(procedure.keys).list(PageRequest()) }.items.count == 3)
        }
    }

    @Test(arguments: TestBackends.available)
    func findByNIKAndUpdateWithVersion(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let keys = procedure.keys
            let budi = try procedure.addApplicant("Budi Santoso", nik: Self.budiNIK)
            let sri = try procedure.addApplicant("Sri Wahyuni", nik: "1601074503900002")
            let nik = try NIK(Self.budiNIK, referenceDate: day("2026-12-03"))
            #expect(try store.read { try $0.applicants(keys).find(nik: nik) }?.id == budi.id)
            #expect(try store.read { try $0.applicants(keys).list(nik: nik, PageRequest()) }.items.map(\.id) == [budi.id])

            var patch = ApplicantPatch()
            patch.nik = .set(Self.budiNIK)
            let stolen = try sri.patched(patch, today: day("2026-12-03"), at: instant("2026-12-03T11:00:00+07:00"))
            let conflict = thrown(NIKAlreadyRecorded.self) {
                try store.write(requestID: nil, actor: .system) { try $0.applicants(keys).update(stolen, expectedVersion: 1) }
            }
            #expect(conflict?.existingApplicantID == budi.id)

            patch = ApplicantPatch()
            patch.phone = .set("0812-3456-7890")
            let changed = try budi.patched(patch, today: day("2026-12-03"), at: instant("2026-12-03T11:00:00+07:00"))
            #expect(try store.write(requestID: nil, actor: .system) { try $0.applicants(keys).update(changed, expectedVersion: 1) })
            #expect(try !store.write(requestID: nil, actor: .system) { try $0.applicants(keys).update(changed, expectedVersion: 1) })
            let stored = try store.read { try $0.applicants(keys).get(id: budi.id) }
            #expect(stored?.version == 2 && stored?.phone?.e164 == "+6281234567890" && stored?.nik == budi.nik)
        }
    }

    @Test(arguments: TestBackends.available)
    func nameSearchIsCaseInsensitiveLiteralAndPaginated(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let keys = procedure.keys
            var expected: [ApplicantID] = []
            for index in 1...7 {
                let nik = "16010712088500" + String(format: "%02d", index)
                let name = index.isMultiple(of: 2) ? "Siti Rahmawati \(index)" : "Budi \(index)"
                let applicant = try procedure.addApplicant(name, nik: nik)
                if index.isMultiple(of: 2) { expected.append(applicant.id) }
            }
            try procedure.addApplicant("Rahma 100% Lestari", kind: .business)
            try procedure.addApplicant("ÉLODIE ÇAKIR", kind: .business)

            var seen: [ApplicantID] = []
            var cursor: String?
            for _ in 0..<10 {
                let page = try store.read { try $0.applicants(keys).list(nameContains: "RAHMAWATI", PageRequest(limit: 2, cursor: cursor)) }
                seen += page.items.map(\.id)
                #expect(page.items.count <= 2)
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(seen == expected)
            #expect(try store.read { try $0.applicants(keys).list(nameContains: "100%", PageRequest()) }.items.count == 1)
            #expect(try store.read { try $0.applicants(keys).list(nameContains: "0%_", PageRequest()) }.items.isEmpty)
            #expect(try store.read { try $0.applicants(keys).list(nameContains: "élodie", PageRequest()) }.items.count == 1)
            // The business name ("CV Rahma 100% Lestari") is searched too.
            #expect(try store.read { try $0.applicants(keys).list(nameContains: "cv rahma", PageRequest()) }.items.count == 1)
            let badCursor = storeError { try store.read { try $0.applicants(keys).list(PageRequest(cursor: "bm90LWEtY3Vyc29y")) } }
            #expect(badCursor?.code == .invalidCursor)
        }
    }
}
