import Database
import Domain
import Foundation
import OfficerAssignment
import Storage
import Testing

/// Sessions over the real store, opened with a `ServingOfficer` proven by the real
/// `OfficerAssignmentService` in the same transaction, as the API will do it.
@Suite struct SessionStoreTests {
    struct Setup {
        let office: OfficeFixture
        let procedure: ProcedureStore
        let assignment: Assignment
        let visit: Visit
    }

    func setUp(_ store: KlipsoStore) throws -> Setup {
        let office = try OfficeFixture(store)
        let assignment = try office.appoint(office.request(office.officer))
        let procedure = try ProcedureStore(store)
        let applicant = try procedure.addApplicant("Budi", nik: "1601071208850003")
        let visit = try procedure.arrive(applicant, at: "2026-12-03T09:50:00+07:00")
        return Setup(office: office, procedure: procedure, assignment: assignment, visit: visit)
    }

    /// Proves `officer` serving, opens the session on the stored visit and writes both with audit events.
    func open(_ setup: Setup, by officer: StaffID, id: SessionID = testIDs.next()) throws -> (session: ConsultationSession, visit: Visit) {
        let service = setup.office.service
        let visitID = setup.visit.id
        return try setup.procedure.store.write(requestID: "req-open", actor: .staff(officer)) { writer in
            let proof = try service.proveServing(officer, in: writer)
            let current = try #require(try writer.visits.get(id: visitID))
            let opened = try ConsultationSession.open(visit: current, by: proof, id: id)
            try writer.sessions.insert(opened.session)
            #expect(try writer.visits.update(opened.visit, expectedVersion: current.version))
            try writer.record(ProcedureAudit.summary(.sessionStarted, session: opened.session, before: nil, actor: officer,
                                                     at: opened.session.startedAt))
            return opened
        }
    }

    @Test(arguments: TestBackends.available)
    func onlyAServingOfficerOpensAndAVisitHasOneSession(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let setup = try setUp(store)
            let office = setup.office
            let eventsBefore = try office.auditCount()
            for outsider in [office.otherOfficer.id, office.head.id, office.admin.id] {
                let refused = officerError { try open(setup, by: outsider) }
                #expect(refused?.code == .notServing)
            }
            #expect(try office.auditCount() == eventsBefore)
            #expect(try store.read { try $0.visits.get(id: setup.visit.id) }?.status == .waiting)

            let (session, visit) = try open(setup, by: office.officer.id)
            #expect(session.assignmentID == setup.assignment.id && session.officerID == office.officer.id)
            #expect(session.startedAt == instant("2026-12-03T10:00:00+07:00") && session.startedOn == day("2026-12-03"))
            #expect(try store.read { try $0.sessions.get(id: session.id) } == session)
            #expect(try store.read { try $0.sessions.get(visitID: visit.id) } == session)
            #expect(try store.read { try $0.visits.get(id: visit.id) } == visit)
            #expect(visit.status == .inSession && visit.sessionID == session.id)
            let queue = try store.read { try $0.visits.queue(on: day("2026-12-03")) }
            #expect(queue.map(\.officerID) == [office.officer.id])

            // The rule says no (the visit is in session) ...
            let again = thrown(ProcedureError.self) { try open(setup, by: office.officer.id) }
            #expect(again?.code == .invalidState && again?.currentStatus == "in_session")
            // ... and the database says no even to a session built from a stale copy of the visit.
            let proof = try office.service.proveServing(office.officer.id, using: store.officerAssignmentStore(requestID: nil, actor: .system))
            let stale = try ConsultationSession.open(visit: setup.visit, by: proof, id: testIDs.next())
            let conflict = storeError { try store.write(requestID: nil, actor: .system) { try $0.sessions.insert(stale.session) } }
            #expect(conflict?.code == .conflict && conflict?.field == "visit_id")
        }
    }

    @Test(arguments: TestBackends.available)
    func theOfficerChangesAndCompletesWhileServing(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let setup = try setUp(store)
            let office = setup.office
            let service = office.service
            let officerID = office.officer.id
            let (session, _) = try open(setup, by: officerID)
            office.wallClock.advance(by: 600)
            let changes = try SessionChanges.validated(topics: [.ossAccount], notes: .set("Akun OSS dibuat"),
                                                       requirements: [Requirement(name: "NPWP", fulfilled: true)])
            let changed = try store.write(requestID: nil, actor: .staff(officerID)) { writer in
                let next = try session.updated(with: changes, by: try service.proveServing(officerID, in: writer))
                #expect(try writer.sessions.update(next, expectedVersion: session.version))
                #expect(try !writer.sessions.update(next, expectedVersion: session.version))
                return next
            }
            #expect(try store.read { try $0.sessions.get(id: session.id) } == changed)

            office.wallClock.advance(by: 1200)
            let completion = try SessionCompletion.validated(outcome: .requirementsComplete,
                                                             nextStep: .frontOfficeCommitmentFulfilment, missingRequirements: [])
            let stranger = thrown(ProcedureError.self) {
                try store.write(requestID: nil, actor: .system) { writer in
                    let visit = try #require(try writer.visits.get(id: session.visitID))
                    return try changed.completed(completion, by: office.otherOfficer.id,
                                                 visit: visit, at: ProcedureStore.moment("2026-12-03T10:30:00+07:00"))
                }
            }
            #expect(stranger?.code == .notSessionOfficer)
            let done = try store.write(requestID: nil, actor: .staff(officerID)) { writer in
                let visit = try #require(try writer.visits.get(id: session.visitID))
                let result = try changed.completed(completion, by: try service.proveServing(officerID, in: writer), visit: visit)
                #expect(try writer.sessions.update(result.session, expectedVersion: changed.version))
                #expect(try writer.visits.update(result.visit, expectedVersion: visit.version))
                return result
            }
            #expect(done.session.completedAt == instant("2026-12-03T10:30:00+07:00"))
            #expect(try store.read { try $0.sessions.get(id: session.id) } == done.session)
            #expect(try store.read { try $0.visits.get(id: session.visitID) }?.status == .completed)
            #expect(try store.read { try $0.visits.queue(on: day("2026-12-03")) }.isEmpty)

            let mine = try store.read { try $0.sessions.list(officerID: officerID, date: day("2026-12-03"), PageRequest()) }
            #expect(mine.items.map(\.id) == [session.id] && mine.nextCursor == nil)
            #expect(try store.read { try $0.sessions.list(date: day("2026-12-04"), PageRequest()) }.items.isEmpty)

            // The report reads the period's rows and the officers active in it.
            let data = try store.read { try $0.procedureReports.data(from: day("2026-12-01"), to: day("2026-12-31"), zone: .jakarta) }
            #expect(data.activeOfficers == [officerID])
            let report = ReportSummary.compute(visits: data.visits, sessions: data.sessions, from: day("2026-12-01"),
                                               to: day("2026-12-31"), officers: data.activeOfficers, profile: setup.procedure.profile)
            #expect(report.visitsTotal == 1 && report.sessionsTotal == 1 && report.byOfficer == [officerID: 1])
            #expect(report.byOutcome[.requirementsComplete] == 1 && report.byPlatform[.oss] == 1)
            #expect(report.waitingSeconds == DurationStats(median: 600, p90: 600))
            #expect(report.sessionSeconds == DurationStats(median: 1800, p90: 1800))
            let outside = try store.read { try $0.procedureReports.data(from: day("2026-11-01"), to: day("2026-11-30"), zone: .jakarta) }
            #expect(outside.visits.isEmpty && outside.sessions.isEmpty && outside.activeOfficers.isEmpty)
        }
    }

    @Test(arguments: TestBackends.available)
    func aRevokedOfficerCanNoLongerChangeTheSession(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let setup = try setUp(store)
            let office = setup.office
            let officerID = office.officer.id
            _ = try open(setup, by: officerID)
            try office.revoke(setup.assignment.id)
            let refused = officerError {
                try store.write(requestID: nil, actor: .staff(officerID)) { try office.service.proveServing(officerID, in: $0) }
            }
            #expect(refused?.code == .notServing)
        }
    }
}
