import Database
import Domain
import Foundation
import Storage
import Testing

/// Races that the constraints and the counter row must settle, on one store and across two
/// stores (two server instances) sharing one database.
@Suite struct ProcedureConcurrencyTests {
    @Test(arguments: TestBackends.available)
    func twoInstancesShareOneDailySequence(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, url in
            let second = try KlipsoStore.open(url: url)
            defer { second.close() }
            let first = try ProcedureStore(store)
            let applicant = try first.addApplicant("Budi", nik: "1601071208850003")
            let instances = [first, ProcedureStore(sharing: second, keys: first)]
            let results = runOnThreads(24) { index in
                Result { try instances[index % 2].arrive(applicant, at: "2026-12-03T11:00:00+07:00") }
            }
            let numbers = try results.map { try #require($0).get().queueNumber?.sequence }
            #expect(numbers.compactMap { $0 }.sorted() == Array(1...24))
        }
    }

    @Test(arguments: TestBackends.available)
    func racingInsertsOfOneNIKLeaveOneApplicant(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let results = runOnThreads(8) { index in
                Result { try procedure.addApplicant("Budi \(index)", nik: "1601071208850003") }
            }
            let winners = results.compactMap { try? $0?.get() }
            #expect(winners.count == 1)
            let losers = results.compactMap { result -> NIKAlreadyRecorded? in
                guard case .failure(let error)? = result else { return nil }
                return error as? NIKAlreadyRecorded
            }
            #expect(losers.count == 7)
            #expect(losers.allSatisfy { $0.existingApplicantID == nil || $0.existingApplicantID == winners.first?.id })
            #expect(try store.read { try $0.applicants(procedure.keys).list(PageRequest()) }.items.count == 1)
        }
    }
}

extension ProcedureStore {
    /// Another instance on the same database, sharing the data key as the contract requires.
    init(sharing store: KlipsoStore, keys other: ProcedureStore) {
        self.store = store
        self.keys = other.keys
    }
}
