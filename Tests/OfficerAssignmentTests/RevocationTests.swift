import Domain
import Foundation
import OfficerAssignment
import Testing

@Suite struct RevocationTests {
    @Test func theCurrentHeadRevokesAtOnce() throws {
        let world = Fixture(currentCapacity: .plh)
        let assignment = try world.appoint().value
        world.wallClock.advance(by: 3600)
        let change = try world.revoke(assignment.id, reason: "  reassigned\nto the complaints desk ", expectedVersion: 1)
        let revoked = change.value
        #expect(revoked.revokedAt == world.wallClock.now())
        #expect(revoked.revokedBy == world.head && revoked.revocation?.revokedInCapacity == .plh)
        #expect(revoked.revocationReason == "reassigned\nto the complaints desk")
        #expect(revoked.version == 2)
        #expect(world.service.status(of: revoked) == .revoked)
        #expect(world.store.snapshot.assignments[assignment.id] == revoked)

        #expect(change.audit.action == .assignmentRevoked)
        #expect(change.audit.before?["status"] == "active" && change.audit.after?["status"] == "revoked")
        #expect(change.audit.after?["revoked_by"] == "head")
        let auditText = (change.audit.before ?? [:]).merging(change.audit.after ?? [:]) { $1 }.values.joined()
        #expect(!auditText.contains("reassigned"))
    }

    @Test func aScheduledAssignmentMayBeRevoked() throws {
        let world = Fixture()
        let scheduled = try world.appoint(world.request(from: "2026-12-20", until: nil)).value
        #expect(world.service.status(of: scheduled) == .scheduled)
        #expect(try world.revoke(scheduled.id).audit.before?["status"] == "scheduled")
    }

    @Test func theSuccessorMayRevokeWhatThePredecessorSigned() throws {
        let world = Fixture()
        let assignment = try world.appoint(world.request(until: nil)).value
        world.wallClock.set(instant("2027-01-02T09:00:00+07:00"))
        #expect(officerError { try world.revoke(assignment.id, by: world.head) }?.code == .notHeadOfOffice)
        let revoked = try world.revoke(assignment.id, by: world.futureHead).value
        #expect(revoked.revocation?.revokedInCapacity == .definitive)
    }

    @Test(arguments: ["admin", "front-office", "reporting", "officer", "former-head", "future-head"])
    func anyoneButTheCurrentHeadIsRefused(_ actor: String) throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        #expect(officerError { try world.revoke(assignment.id, by: StaffID(rawValue: actor)) }?.code == .notHeadOfOffice)
        #expect(world.store.snapshot.assignments[assignment.id]?.revocation == nil)
    }

    @Test func revokingTwiceIsAConflictNamingTheStatus() throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        try world.revoke(assignment.id)
        let error = officerError { try world.revoke(assignment.id) }
        #expect(error?.code == .wrongState && error?.currentStatus == .revoked)
        #expect(world.store.snapshot.assignments[assignment.id]?.version == 2)
    }

    @Test func revokingAnExpiredAssignmentIsAConflict() throws {
        let world = Fixture()
        let assignment = try world.appoint(world.request(decreeDate: "2026-12-01", from: "2026-12-01", until: "2026-12-02")).value
        let error = officerError { try world.revoke(assignment.id) }
        #expect(error?.code == .wrongState && error?.currentStatus == .expired)
    }

    @Test func aReasonIsRequiredAndVersionsAreHonoured() throws {
        let world = Fixture()
        let assignment = try world.appoint().value
        #expect(officerError { try world.revoke(assignment.id, reason: " ") }?.fieldErrors.map(\.code) == ["reason.required"])
        #expect(officerError { try world.revoke(assignment.id, expectedVersion: 2) }?.code == .versionMismatch)
        #expect(officerError { try world.revoke(AssignmentID(rawValue: "missing")) }?.code == .notFound)
        #expect(world.store.snapshot.assignments[assignment.id]?.revocation == nil)
    }
}
