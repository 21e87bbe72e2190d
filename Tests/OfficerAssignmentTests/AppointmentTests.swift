import Domain
import Foundation
import OfficerAssignment
import Testing

@Suite struct AppointmentTests {
    @Test(arguments: TenureCapacity.allCases)
    func theCurrentHeadAppointsAndTheCapacityIsRecorded(_ capacity: TenureCapacity) throws {
        let world = Fixture(currentCapacity: capacity)
        let change = try world.appoint()
        let assignment = change.value
        #expect(assignment.officerID == world.officer)
        #expect(assignment.signedBy == world.head)
        #expect(assignment.signedCapacity == capacity)
        #expect(assignment.signedUnderTenure == world.currentTenure)
        #expect(assignment.decreeNumber.text == "800/123/KPTS/DPMPTSP/2026")
        #expect(assignment.version == 1 && assignment.revocation == nil)
        #expect(assignment.createdAt == world.wallClock.now())
        #expect(world.service.status(of: assignment) == .active)
        #expect(world.store.snapshot.assignments[assignment.id] == assignment)

        #expect(change.audit.action == .assignmentCreated)
        #expect(change.audit.resourceType == "assignment" && change.audit.resourceID == assignment.id.rawValue)
        #expect(change.audit.actorID == world.head)
        #expect(change.audit.after?["signed_capacity"] == capacity.rawValue)
        #expect(change.audit.after?["status"] == "active")
        #expect(change.audit.after?["officer_id"] == "officer")
    }

    @Test(arguments: ["admin", "front-office", "reporting", "officer", "former-head", "future-head", "nobody"])
    func anyoneButTheCurrentHeadIsRefused(_ actor: String) {
        let world = Fixture()
        let error = officerError { try world.appoint(by: StaffID(rawValue: actor), world.request(officer: world.otherOfficer)) }
        #expect(error?.code == .notHeadOfOffice)
        #expect(world.store.snapshot.assignments.isEmpty)
    }

    @Test func nobodyMayAppointWhenNoTenureCoversToday() {
        let world = Fixture()
        world.wallClock.set(instant("2024-06-01T10:00:00+07:00"))
        #expect(officerError { try world.appoint(by: world.formerHead) }?.code == .notHeadOfOffice)
    }

    @Test func theFormerHeadLosesThePowerAtMidnightAndTheNextGainsIt() throws {
        let world = Fixture()
        world.wallClock.set(instant("2026-12-31T23:59:59+07:00"))
        try world.appoint(by: world.head, world.request(decreeDate: "2026-12-31", from: "2027-01-01", until: "2027-01-31"))
        world.wallClock.set(instant("2026-12-31T17:00:00Z"))   // 00:00 WIB, 1 January 2027
        let refused = officerError {
            try world.appoint(by: world.head, world.request(officer: world.otherOfficer, decreeDate: "2026-12-31",
                                                            from: "2027-01-01", until: nil))
        }
        #expect(refused?.code == .notHeadOfOffice)
        let appointed = try world.appoint(by: world.futureHead,
                                          world.request(officer: world.otherOfficer, decreeDate: "2027-01-01",
                                                        from: "2027-01-01", until: nil))
        #expect(appointed.value.signedCapacity == .definitive && appointed.value.signedBy == world.futureHead)
    }

    @Test func aHeadMayNotAppointThemselves() {
        let world = Fixture()
        let error = officerError { try world.appoint(world.request(officer: world.head)) }
        #expect(error?.code == .validationFailed)
        #expect(error?.fieldErrors.map(\.code) == ["officer_id.conflict_of_interest"])
        #expect(error?.fieldErrors.first?.field == "officer_id")
    }

    @Test(arguments: [
        // decree date before the signer's tenure (which starts 2026-07-01)
        (("2026-06-30", "2026-07-01", "2026-12-31"), ["decree_date.outside_tenure"]),
        // decree date after today (2026-12-03) though inside the tenure
        (("2026-12-04", "2026-12-04", "2026-12-31"), ["decree_date.in_future"]),
        // effective before the decree was made
        (("2026-12-01", "2026-11-30", "2026-12-31"), ["effective_from.before_decree_date"]),
        // ends before it starts
        (("2026-12-01", "2026-12-10", "2026-12-09"), ["effective_until.before_effective_from"]),
        // several at once
        (("2026-05-01", "2026-04-01", "2026-03-01"),
         ["decree_date.outside_tenure", "effective_from.before_decree_date", "effective_until.before_effective_from"]),
    ] as [((String, String, String), [String])])
    func datesAreChecked(_ dates: (String, String, String), _ codes: [String]) {
        let world = Fixture()
        let error = officerError {
            try world.appoint(world.request(decreeDate: dates.0, from: dates.1, until: dates.2))
        }
        #expect(error?.code == .validationFailed)
        #expect(error?.fieldErrors.map(\.code) == codes)
        #expect(world.store.snapshot.assignments.isEmpty)
    }

    @Test func aOneDayAssignmentOnTheDecreeDateIsFine() throws {
        let world = Fixture()
        try world.appoint(world.request(decreeDate: "2026-12-03", from: "2026-12-03", until: "2026-12-03"))
    }

    @Test(arguments: [("inactive-officer", "officer_id.inactive"), ("nobody", "officer_id.unknown")])
    func theOfficerMustBeAnActiveStaffMember(_ officer: String, _ code: String) {
        let world = Fixture()
        let error = officerError { try world.appoint(world.request(officer: StaffID(rawValue: officer))) }
        #expect(error?.fieldErrors.map(\.code) == [code])
    }

    @Test func theDecreeNumberIsRequired() {
        let world = Fixture()
        var request = world.request()
        request.decreeNumber = " "
        #expect(officerError { try world.appoint(request) }?.fieldErrors.map(\.code) == ["decree_number.required"])
    }

    @Test func overlappingAssignmentsForOneOfficerAreAConflictUntilRevoked() throws {
        let world = Fixture()
        let first = try world.appoint(world.request(from: "2026-12-01", until: "2026-12-31")).value
        let error = officerError { try world.appoint(world.request(from: "2026-12-31", until: nil)) }
        #expect(error?.code == .assignmentOverlap)
        #expect(error?.conflictingAssignmentID == first.id && error?.currentStatus == .active)
        try world.appoint(world.request(officer: world.otherOfficer))
        try world.revoke(first.id)
        try world.appoint(world.request(from: "2026-12-31", until: nil))
        #expect(world.store.snapshot.assignments.count == 3)
    }
}
