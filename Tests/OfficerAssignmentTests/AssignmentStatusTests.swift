import Domain
import Foundation
import OfficerAssignment
import Testing

@Suite struct AssignmentStatusTests {
    let zone = OfficeTimeZone.jakarta

    func assignment(from: String, until: String?) -> Assignment {
        Assignment(id: AssignmentID(rawValue: "a"), officerID: StaffID(rawValue: "o"),
                   decreeNumber: try! DecreeNumber("1"), decreeDate: day("2026-11-01"),
                   effectiveFrom: day(from), effectiveUntil: until.map(day), signedBy: StaffID(rawValue: "h"),
                   signedCapacity: .definitive, signedUnderTenure: TenureID(rawValue: "t"),
                   createdAt: instant("2026-11-01T09:00:00+07:00"))
    }

    @Test(arguments: [
        ("2026-11-30T23:59:59+07:00", AssignmentStatus.scheduled),  // the day before effective_from
        ("2026-12-01T00:00:00+07:00", .active),                     // the first moment of effective_from
        ("2026-11-30T17:00:00Z", .active),                          // the same instant, written in UTC
        ("2026-12-15T12:00:00+07:00", .active),
        ("2026-12-31T23:59:59+07:00", .active),                     // the whole last day is included
        ("2027-01-01T00:00:00+07:00", .expired),                    // the day after effective_until
        ("2026-12-31T17:30:00Z", .expired),                         // 00:30 WIB on 1 January
    ])
    func statusFollowsOfficeLocalDays(_ at: String, _ expected: AssignmentStatus) {
        #expect(assignment(from: "2026-12-01", until: "2026-12-31").status(at: instant(at), in: zone) == expected)
    }

    @Test func openEndedStaysActive() {
        #expect(assignment(from: "2026-12-01", until: nil).status(at: instant("2040-01-01T00:00:00Z"), in: zone) == .active)
    }

    @Test func revocationTakesEffectAtOnceAndOverridesTheDates() {
        var scheduled = assignment(from: "2027-01-01", until: nil)
        let revokedAt = instant("2026-12-03T10:00:00+07:00")
        scheduled.revocation = Revocation(revokedAt: revokedAt, revokedBy: StaffID(rawValue: "h"),
                                          revokedInCapacity: .plh, reason: "error in decree")
        #expect(scheduled.status(at: revokedAt.addingTimeInterval(-1), in: zone) == .scheduled)
        #expect(scheduled.status(at: revokedAt, in: zone) == .revoked)
        #expect(scheduled.status(at: instant("2027-06-01T00:00:00Z"), in: zone) == .revoked)
        #expect(scheduled.revokedAt == revokedAt && scheduled.revokedBy == StaffID(rawValue: "h"))
        #expect(scheduled.revocationReason == "error in decree")
    }

    @Test func at2330UTCTheOfficeIsAlreadyOnTheNextDay() {
        let startsTomorrowUTC = assignment(from: "2026-12-04", until: "2026-12-04")
        #expect(startsTomorrowUTC.status(at: instant("2026-12-03T23:30:00Z"), in: zone) == .active)
        #expect(startsTomorrowUTC.status(at: instant("2026-12-03T16:59:59Z"), in: zone) == .scheduled)
        #expect(startsTomorrowUTC.status(at: instant("2026-12-04T17:00:00Z"), in: zone) == .expired)
    }
}

@Suite struct AssignmentStatusCriteriaTests {
    @Test func criteriaAgreeWithDerivedStatusForEveryCombination() {
        let zone = OfficeTimeZone.jakarta
        let days = ["2026-11-30", "2026-12-01", "2026-12-02", "2026-12-31", "2027-01-01"].map(day)
        let instants = ["2026-11-30T23:59:59+07:00", "2026-12-01T00:00:00+07:00", "2026-12-31T12:00:00+07:00",
                        "2027-01-01T00:00:00+07:00", "2027-01-02T08:00:00+07:00"].map(instant)
        var checked = 0
        for from in days {
            for until in [nil] + days.map(Optional.some) where until.map({ $0 >= from }) ?? true {
                for revokedAt in [nil] + instants.map(Optional.some) {
                    var assignment = Assignment(
                        id: AssignmentID(rawValue: "a"), officerID: StaffID(rawValue: "o"),
                        decreeNumber: try! DecreeNumber("1"), decreeDate: from, effectiveFrom: from,
                        effectiveUntil: until, signedBy: StaffID(rawValue: "h"), signedCapacity: .plt,
                        signedUnderTenure: TenureID(rawValue: "t"), createdAt: instants[0])
                    assignment.revocation = revokedAt.map {
                        Revocation(revokedAt: $0, revokedBy: StaffID(rawValue: "h"), revokedInCapacity: .plt, reason: "r")
                    }
                    for now in instants {
                        let moment = OfficeMoment(instant: now, today: zone.localDate(of: now))
                        let derived = assignment.status(at: now, in: zone)
                        for status in AssignmentStatus.allCases {
                            let criteria = AssignmentStatusCriteria(status: status, at: moment)
                            #expect(criteria.matches(assignment) == (status == derived))
                            checked += 1
                        }
                    }
                }
            }
        }
        #expect(checked == 20 * 6 * 5 * 4)
    }
}
