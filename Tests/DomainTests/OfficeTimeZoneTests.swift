import Domain
import Foundation
import Testing

@Suite struct OfficeTimeZoneTests {
    @Test func lateEveningUTCIsAlreadyTomorrowInJakarta() {
        let clock = OfficeClock(zone: .jakarta, wallClock: ManualWallClock(instant("2026-12-03T23:30:00Z")))
        #expect(clock.today() == day("2026-12-04"))
        #expect(OfficeTimeZone.jakarta.localDate(of: instant("2026-12-03T16:59:59Z")) == day("2026-12-03"))
        #expect(OfficeTimeZone.jakarta.localDate(of: instant("2026-12-03T17:00:00Z")) == day("2026-12-04"))
    }

    @Test func dayBoundariesFollowTheOfficeZone() {
        let zone = OfficeTimeZone.jakarta
        #expect(zone.startOfDay(day("2026-12-04")) == instant("2026-12-03T17:00:00Z"))
        let range = zone.instants(of: day("2026-12-04"))
        #expect(range.lowerBound == instant("2026-12-04T00:00:00+07:00"))
        #expect(range.upperBound == instant("2026-12-05T00:00:00+07:00"))
        #expect(range.contains(instant("2026-12-04T23:59:59+07:00")))
    }

    @Test func zoneIsConfigurableForOtherRegencies() throws {
        let makassar = try #require(OfficeTimeZone(identifier: "Asia/Makassar"))
        let moment = instant("2026-12-03T16:30:00Z")
        #expect(OfficeTimeZone.jakarta.localDate(of: moment) == day("2026-12-03"))
        #expect(makassar.localDate(of: moment) == day("2026-12-04"))
        #expect(OfficeTimeZone(identifier: "Mars/Olympus_Mons") == nil)
    }

    @Test func manualClockMovesOnlyWhenTold() {
        let wall = ManualWallClock(instant("2026-12-03T16:59:00Z"))
        let clock = OfficeClock(wallClock: wall)
        let first = clock.moment()
        #expect(first.today == day("2026-12-03"))
        wall.advance(by: 60)
        #expect(clock.moment().today == day("2026-12-04"))
        #expect(first.instant == instant("2026-12-03T16:59:00Z"))
    }
}
