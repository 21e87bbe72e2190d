import Domain
import Foundation
import OfficerAssignment
import Synchronization
import Testing

@Suite struct TenureTests {
    @Test func adminRecordsATenureWithAnAuditSummary() throws {
        let world = Fixture(withTenures: false)
        let change = try world.recordTenure(TenureRequest(staffID: world.head, capacity: .plh,
                                                          decreeNumber: " 821/9/KPTS/2026 ", startsOn: day("2026-12-01")))
        #expect(change.value.decreeNumber.text == "821/9/KPTS/2026")
        #expect(change.value.capacity == .plh && change.value.endsOn == nil && change.value.version == 1)
        #expect(world.store.snapshot.tenures[change.value.id] == change.value)
        #expect(change.audit.action == .tenureRecorded)
        #expect(change.audit.resourceType == "head_of_office_tenure")
        #expect(change.audit.resourceID == change.value.id.rawValue)
        #expect(change.audit.actorID == world.admin && change.audit.before == nil)
        #expect(change.audit.after?["staff_id"] == "head" && change.audit.after?["capacity"] == "plh")
        #expect(change.audit.after?.values.contains { $0.contains("Staff") } == false)
        #expect(try world.service.currentHead(using: world.store)?.staffID == world.head)
    }

    @Test(arguments: ["front-office", "reporting", "head", "officer", "nobody"])
    func onlyAnActiveAdminMayRecordTenures(_ actor: String) {
        let world = Fixture(withTenures: false)
        let error = officerError {
            try world.recordTenure(by: StaffID(rawValue: actor),
                                   TenureRequest(staffID: world.head, capacity: .definitive, decreeNumber: "1",
                                                 startsOn: day("2026-01-01")))
        }
        #expect(error?.code == .forbidden)
        #expect(world.store.snapshot.tenures.isEmpty)
    }

    @Test func rejectsBadFieldsTogether() {
        let world = Fixture(withTenures: false)
        let error = officerError {
            try world.recordTenure(TenureRequest(staffID: world.inactiveOfficer, capacity: .definitive, decreeNumber: "  ",
                                                 startsOn: day("2026-01-10"), endsOn: day("2026-01-09")))
        }
        #expect(error?.code == .validationFailed)
        #expect(error?.fieldErrors.map(\.code) == ["decree_number.required", "ends_on.before_starts_on", "staff_id.inactive"])
    }

    /// Against the fixture: 2025-01-01…2026-06-30, 2026-07-01…2026-12-31, 2027-01-01…open.
    @Test(arguments: [
        ("2026-03-01", "2026-03-31", "tenure-former"),   // inside
        ("2024-12-01", "2025-01-01", "tenure-former"),   // ends on the first day
        ("2026-06-30", "2026-07-01", "tenure-former"),   // straddles two: the earliest is named
        ("2026-12-31", nil, "tenure-current"),           // open-ended from the last day
        ("2030-01-01", nil, "tenure-future"),            // open-ended existing overlaps everything later
        ("2030-01-01", "2030-01-01", "tenure-future"),
        ("2020-01-01", nil, "tenure-former"),            // open-ended covering all
    ] as [(String, String?, String)])
    func overlappingTenuresAreRefusedNamingTheOverlap(_ start: String, _ end: String?, _ named: String) {
        let world = Fixture()
        let error = officerError {
            try world.recordTenure(TenureRequest(staffID: world.officer, capacity: .plh, decreeNumber: "x",
                                                 startsOn: day(start), endsOn: end.map(day)))
        }
        #expect(error?.code == .tenureOverlap)
        #expect(error?.conflictingTenureID == TenureID(rawValue: named))
        #expect(world.store.snapshot.tenures.count == 3)
    }

    @Test func adjacentTenuresDoNotOverlap() throws {
        let world = Fixture(withTenures: false)
        try world.recordTenure(TenureRequest(staffID: world.formerHead, capacity: .definitive, decreeNumber: "a",
                                             startsOn: day("2026-01-01"), endsOn: day("2026-06-30")))
        try world.recordTenure(TenureRequest(staffID: world.head, capacity: .plt, decreeNumber: "b",
                                             startsOn: day("2026-07-01"), endsOn: day("2026-07-01")))
        try world.recordTenure(TenureRequest(staffID: world.futureHead, capacity: .plh, decreeNumber: "c",
                                             startsOn: day("2026-07-02")))
        try world.recordTenure(TenureRequest(staffID: world.officer, capacity: .plh, decreeNumber: "d",
                                             startsOn: day("2025-12-01"), endsOn: day("2025-12-31")))
        #expect(world.store.snapshot.tenures.count == 4)
    }

    @Test func closingAnOpenTenureMakesRoomForTheNextHead() throws {
        let world = Fixture(withTenures: false)
        let open = try world.recordTenure(TenureRequest(staffID: world.head, capacity: .definitive, decreeNumber: "a",
                                                        startsOn: day("2026-01-01"))).value
        let next = TenureRequest(staffID: world.futureHead, capacity: .plt, decreeNumber: "b", startsOn: day("2027-01-01"))
        #expect(officerError { try world.recordTenure(next) }?.conflictingTenureID == open.id)

        let stale = officerError {
            _ = try world.store.transaction { tx in
                try world.service.setTenureEnd(by: world.admin, tenureID: open.id, endsOn: day("2026-12-31"),
                                               expectedVersion: 7, in: tx)
            }
        }
        #expect(stale?.code == .versionMismatch)
        let closed = try world.store.transaction { tx in
            try world.service.setTenureEnd(by: world.admin, tenureID: open.id, endsOn: day("2026-12-31"),
                                           expectedVersion: 1, in: tx)
        }
        #expect(closed.value.endsOn == day("2026-12-31") && closed.value.version == 2)
        #expect(closed.audit.before?["ends_on"] == nil && closed.audit.after?["ends_on"] == "2026-12-31")
        try world.recordTenure(next)

        let reopen = officerError {
            _ = try world.store.transaction { tx in
                try world.service.setTenureEnd(by: world.admin, tenureID: open.id, endsOn: nil, expectedVersion: 2, in: tx)
            }
        }
        #expect(reopen?.code == .tenureOverlap)
    }

    @Test func theHeadChangesAtMidnightOfficeTime() throws {
        let world = Fixture()
        world.wallClock.set(instant("2026-12-31T16:59:59Z"))   // 23:59:59 WIB on 31 December
        #expect(try world.service.currentHead(using: world.store)?.staffID == world.head)
        world.wallClock.set(instant("2026-12-31T17:00:00Z"))   // 00:00 WIB on 1 January
        #expect(try world.service.currentHead(using: world.store)?.staffID == world.futureHead)
        world.wallClock.set(instant("2024-12-31T12:00:00Z"))
        #expect(try world.service.currentHead(using: world.store) == nil)
    }

    @Test func concurrentOverlappingRequestsCannotBothPass() {
        let world = Fixture(withTenures: false)
        let successes = Atomic(0)
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let request = TenureRequest(staffID: world.head, capacity: .plt, decreeNumber: "race \(index)",
                                        startsOn: day("2026-01-01").adding(days: index))
            if (try? world.recordTenure(request)) != nil { successes.add(1, ordering: .relaxed) }
        }
        #expect(successes.load(ordering: .relaxed) == 1)
        #expect(world.store.snapshot.tenures.count == 1)
    }
}
