import Database
import Domain
import Foundation
import OfficerAssignment
import Storage
import Testing

/// The real `OfficerAssignmentService` over the real SQL store, on every backend.
@Suite struct OfficerAssignmentStoreTests {
    @Test(arguments: TestBackends.available)
    func theHeadAppointsAndTheAssignmentIsStoredWithItsAuditEvent(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            let eventsBefore = try office.auditCount()
            let assignment = try office.appoint(office.request(office.officer))
            #expect(assignment.signedBy == office.head.id && assignment.signedCapacity == .plt)
            #expect(assignment.signedUnderTenure == office.currentTenure.id)
            let stored = try store.read { try $0.officerAssignments.assignment(id: assignment.id) }
            #expect(stored == assignment)
            #expect(try office.auditCount() == eventsBefore + 1)
            let event = try store.read { try $0.audit.list(AuditEventFilter(), PageRequest(limit: 1)) }.items.first
            #expect(event?.action == .assignmentCreated && event?.resourceID == assignment.id.rawValue)
            #expect(event?.actor == .staff(office.head.id) && event?.requestID == "req-appoint")
            #expect(event?.after?["status"] == "active")

            // The store conformance serves the service's convenience calls too.
            let serving = try office.service.proveServing(office.officer.id,
                                                          using: store.officerAssignmentStore(requestID: nil, actor: .system))
            #expect(serving.assignmentID == assignment.id)
            let head = try store.read { try office.service.currentHead(in: $0.officerAssignments) }
            #expect(head == office.currentTenure)
        }
    }

    @Test(arguments: TestBackends.available)
    func onlyTheCurrentHeadMayAppointAndRefusalsWriteNothing(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            let eventsBefore = try office.auditCount()
            for actor in [office.admin, office.frontOffice, office.officer] {
                let error = officerError { try office.appoint(by: actor, office.request(office.otherOfficer)) }
                #expect(error?.code == .notHeadOfOffice)
            }
            let selfAppointment = officerError { try office.appoint(office.request(office.head)) }
            #expect(selfAppointment?.code == .validationFailed)
            #expect(try store.read { try $0.officerAssignments.list(PageRequest()) }.items.isEmpty)
            #expect(try office.auditCount() == eventsBefore)
        }
    }

    @Test(arguments: TestBackends.available)
    func overlappingTenuresAndAssignmentsConflict(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            let overlap = officerError {
                try office.recordTenure(TenureRequest(staffID: office.officer.id, capacity: .plh, decreeNumber: "821/9/KPTS/2026",
                                                      startsOn: day("2026-12-20"), endsOn: day("2027-01-05")))
            }
            #expect(overlap?.code == .tenureOverlap && overlap?.conflictingTenureID == office.currentTenure.id)
            let next = try office.recordTenure(TenureRequest(staffID: office.officer.id, capacity: .definitive,
                                                             decreeNumber: "821/12/KPTS/2026", startsOn: day("2027-01-01")))
            #expect(try store.read { try $0.officerAssignments.tenures() } == [office.currentTenure, next])

            let first = try office.appoint(office.request(office.otherOfficer))
            let clash = officerError { try office.appoint(office.request(office.otherOfficer, from: "2026-12-15", until: nil)) }
            #expect(clash?.code == .assignmentOverlap && clash?.conflictingAssignmentID == first.id)
        }
    }

    @Test(arguments: TestBackends.available)
    func listsFilterByOfficerAndDerivedStatus(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            let expired = try office.appoint(office.request(office.officer, decreeDate: "2026-07-01", from: "2026-07-01",
                                                            until: "2026-11-30"))
            let active = try office.appoint(office.request(office.officer))
            let scheduled = try office.appoint(office.request(office.otherOfficer, from: "2026-12-10", until: nil))
            let revokedSource = try office.appoint(office.request(office.frontOffice, from: "2026-12-02"))
            let revoked = try office.revoke(revokedSource.id)
            #expect(revoked.version == 2 && revoked.revocation?.revokedBy == office.head.id)
            let all = [expired, active, scheduled, revoked]
            let moment = office.service.clock.moment()

            for status in AssignmentStatus.allCases {
                let criteria = AssignmentStatusCriteria(status: status, at: moment)
                let listed = try store.read { try $0.officerAssignments.list(status: criteria, PageRequest()) }.items
                #expect(listed == all.filter(criteria.matches), "status \(status)")
                #expect(listed.allSatisfy { office.service.status(of: $0) == status })
                #expect(listed.count == 1)
            }
            let officers = try store.read { try $0.officerAssignments.list(officerID: office.officer.id, PageRequest()) }
            #expect(officers.items == [expired, active])
            let activeOfTheOfficer = try store.read {
                try $0.officerAssignments.list(officerID: office.officer.id,
                                               status: AssignmentStatusCriteria(status: .active, at: moment), PageRequest())
            }
            #expect(activeOfTheOfficer.items == [active])

            var walked: [Assignment] = []
            var cursor: String?
            for _ in 0..<10 {
                let page = try store.read { try $0.officerAssignments.list(PageRequest(limit: 1, cursor: cursor)) }
                walked += page.items
                cursor = page.nextCursor
                if cursor == nil { break }
            }
            #expect(walked.map(\.id) == all.map(\.id).sorted())
        }
    }

    @Test(arguments: TestBackends.available)
    func racingOverlappingTenuresLetExactlyOneThrough(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            for round in 0..<3 {
                let year = 2027 + round
                let requests = [
                    TenureRequest(staffID: office.officer.id, capacity: .definitive, decreeNumber: "A/\(year)",
                                  startsOn: day("\(year)-01-01"), endsOn: day("\(year)-06-30")),
                    TenureRequest(staffID: office.otherOfficer.id, capacity: .plt, decreeNumber: "B/\(year)",
                                  startsOn: day("\(year)-03-01"), endsOn: day("\(year)-12-31")),
                ]
                let outcomes = runOnThreads(2) { index -> String in
                    do {
                        try office.recordTenure(requests[index])
                        return "ok"
                    } catch let error as OfficerAssignmentError {
                        return error.code.rawValue
                    } catch {
                        return "unexpected: \(error)"
                    }
                }
                #expect(outcomes.compactMap { $0 }.sorted() == ["ok", OfficerAssignmentError.Code.tenureOverlap.rawValue],
                        "round \(round)")
            }
            #expect(try store.read { try $0.officerAssignments.tenures() }.count == 4)
        }
    }

    @Test(arguments: TestBackends.available)
    func racingOverlappingAppointmentsLetExactlyOneThrough(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let office = try OfficeFixture(store)
            let outcomes = runOnThreads(4) { index -> String in
                do {
                    try office.appoint(office.request(office.officer, from: "2026-12-0\(index + 1)"))
                    return "ok"
                } catch let error as OfficerAssignmentError {
                    return error.code.rawValue
                } catch {
                    return "unexpected: \(error)"
                }
            }
            #expect(outcomes.compactMap { $0 }.filter { $0 == "ok" }.count == 1, "\(outcomes)")
            #expect(outcomes.compactMap { $0 }.filter { $0 == "assignment_overlap" }.count == 3, "\(outcomes)")
            #expect(try store.read { try $0.officerAssignments.assignments(forOfficer: office.officer.id) }.count == 1)
        }
    }
}
