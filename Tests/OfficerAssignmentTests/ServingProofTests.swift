import Domain
import Foundation
import OfficerAssignment
import Testing

@Suite struct ServingProofTests {
    @Test func anActiveAssignmentProducesTheProof() throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        let proof = try world.proveServing(world.officer)
        #expect(proof.officerID == world.officer && proof.assignmentID == assignment.id)
        #expect(proof.checkedAt == world.wallClock.now() && proof.checkedOn == day("2026-12-03"))
    }

    @Test func theProofCannotBeDecodedIntoExistence() {
        #expect(!(ServingOfficer.self is any Decodable.Type))
    }

    @Test(arguments: [("2026-12-04", "2026-12-31"), ("2026-12-01", "2026-12-02")])
    func scheduledOrExpiredAssignmentsDoNotServe(_ from: String, _ until: String) throws {
        let world = Fixture()
        try world.appoint(world.request(from: from, until: until))
        #expect(officerError { _ = try world.proveServing(world.officer) }?.code == .notServing)
    }

    @Test func noAssignmentNoServiceEvenForTheHeadOrAdmin() {
        let world = Fixture()
        for staff in [world.officer, world.head, world.admin, StaffID(rawValue: "nobody")] {
            #expect(officerError { _ = try world.proveServing(staff) }?.code == .notServing)
        }
    }

    @Test func revocationEndsServingImmediately() throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        _ = try world.proveServing(world.officer)
        try world.revoke(assignment.id)
        #expect(officerError { _ = try world.proveServing(world.officer) }?.code == .notServing)
    }

    @Test func servingStartsAndEndsWithTheOfficeDay() throws {
        let world = Fixture()
        try world.appoint(world.request(decreeDate: "2026-12-03", from: "2026-12-04", until: "2026-12-04"))
        world.wallClock.set(instant("2026-12-03T16:59:59Z"))
        #expect(officerError { _ = try world.proveServing(world.officer) }?.code == .notServing)
        world.wallClock.set(instant("2026-12-03T23:30:00Z"))
        #expect(try world.proveServing(world.officer).checkedOn == day("2026-12-04"))
        world.wallClock.set(instant("2026-12-04T17:00:00Z"))
        #expect(officerError { _ = try world.proveServing(world.officer) }?.code == .notServing)
    }

    @Test func aDeactivatedStaffMemberDoesNotServe() throws {
        let world = Fixture()
        try world.appoint()
        var officer = try #require(world.store.snapshot.staff[world.officer])
        officer.isActive = false
        world.store.put(officer)
        #expect(officerError { _ = try world.proveServing(world.officer) }?.code == .notServing)
    }

    @Test func theProofCanBeTakenInsideTheCallersTransaction() throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        let proof = try world.store.transaction { tx in try world.service.proveServing(world.officer, in: tx) }
        #expect(proof.assignmentID == assignment.id)
    }
}
