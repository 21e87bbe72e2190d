import Database
import Domain
import Foundation
import Storage
import Testing

@Suite struct VisitStoreTests {
    @Test(arguments: TestBackends.available)
    func twentyConcurrentCreatesGetK001ToK020(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let applicant = try procedure.addApplicant("Budi", nik: "1601071208850003")
            let results = runOnThreads(20) { index in
                Result { try procedure.arrive(applicant, at: "2026-12-03T10:00:\(String(format: "%02d", index))+07:00") }
            }
            let visits = try results.map { try #require($0).get() }
            let numbers = visits.compactMap { $0.queueNumber?.text }.sorted()
            #expect(numbers == (1...20).map { "K-" + String(format: "%03d", $0) })
            let stored = try store.read { try $0.visits.queue(on: day("2026-12-03")) }
            #expect(stored.map { $0.visit.queueNumber?.sequence } == (1...20).map { Optional($0) })
            #expect(Set(stored.map(\.visit.id)) == Set(visits.map(\.id)))
        }
    }

    @Test(arguments: TestBackends.available)
    func numberingRestartsAtMidnightInTheOfficeZone(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let applicant = try procedure.addApplicant("Budi", nik: "1601071208850003")
            let first = try procedure.arrive(applicant, at: "2026-12-03T08:00:00+07:00")
            let lastOfDay = try procedure.arrive(applicant, at: "2026-12-03T23:59:59+07:00")
            // 17:00 UTC on 3 December is already 00:00 on 4 December in Jakarta.
            let nextDay = try procedure.arrive(applicant, at: "2026-12-03T17:00:00Z")
            let nextDaySecond = try procedure.arrive(applicant, at: "2026-12-04T07:00:00+07:00")
            #expect([first, lastOfDay, nextDay, nextDaySecond].map { $0.queueNumber?.text } == ["K-001", "K-002", "K-001", "K-002"])
            #expect(nextDay.visitDate == day("2026-12-04") && lastOfDay.visitDate == day("2026-12-03"))
        }
    }

    @Test(arguments: TestBackends.available)
    func refusedVisitsAndRolledBackCreatesTakeNoNumber(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let applicant = try procedure.addApplicant("Budi", nik: "1601071208850003")
            let refused = try procedure.arrive(applicant, .complaint, platform: nil)
            #expect(refused.queueNumber == nil && refused.status == .refused && refused.referredTo == .complaintsDesk)
            struct Abandon: Error {}
            let visit = try Visit.arrive(id: testIDs.next(), applicantID: applicant.id, purpose: .onlineRegistrationEducation,
                                         platform: .eptsp, notes: nil, triage: Triage(profile: procedure.profile),
                                         at: ProcedureStore.moment("2026-12-03T10:00:00+07:00"))
            #expect(throws: Abandon.self) {
                try store.write(requestID: nil, actor: .system) { writer in
                    _ = try writer.visits.insert(visit, queuePrefix: "K")
                    throw Abandon()
                }
            }
            #expect(try store.read { try $0.visits.get(id: visit.id) } == nil)
            let next = try procedure.arrive(applicant)
            #expect(next.queueNumber?.text == "K-001")
            #expect(try store.read { try $0.visits.get(id: refused.id) } == refused)
            #expect(try store.read { try $0.visits.get(id: next.id) } == next)
        }
    }

    @Test(arguments: TestBackends.available)
    func listsFilterByDateAndStatusAndUpdatesNeedTheVersion(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let procedure = try ProcedureStore(store)
            let applicant = try procedure.addApplicant("Budi", nik: "1601071208850003")
            let visits = try (0..<5).map { _ in try procedure.arrive(applicant) }
            _ = try procedure.arrive(applicant, at: "2026-12-04T09:00:00+07:00")
            let cancelled = try visits[1].cancelled(reason: "pulang", at: instant("2026-12-03T10:30:00+07:00"))
            #expect(try store.write(requestID: nil, actor: .system) { try $0.visits.update(cancelled, expectedVersion: 1) })
            #expect(try !store.write(requestID: nil, actor: .system) { try $0.visits.update(cancelled, expectedVersion: 1) })
            #expect(try store.read { try $0.visits.get(id: cancelled.id) } == cancelled)

            var seen: [VisitID] = []
            var cursor: String?
            for _ in 0..<10 {
                let page = try store.read { try $0.visits.list(date: day("2026-12-03"), status: .waiting, PageRequest(limit: 3, cursor: cursor)) }
                seen += page.items.map(\.id)
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(seen == [visits[0], visits[2], visits[3], visits[4]].map(\.id))
            #expect(try store.read { try $0.visits.list(status: .cancelled, PageRequest()) }.items.map(\.id) == [cancelled.id])
            #expect(try store.read { try $0.visits.list(PageRequest()) }.items.count == 6)
            let queue = try store.read { try $0.visits.queue(on: day("2026-12-03")) }
            #expect(queue.map { $0.visit.queueNumber?.text } == ["K-001", "K-003", "K-004", "K-005"])
        }
    }
}
