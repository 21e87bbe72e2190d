import Domain
import Foundation
import Testing

@Suite struct IdentifierTests {
    @Test func generatedIdsAreLowercaseBase32AndParse() {
        let generator = TimeOrderedIdentifierGenerator()
        for _ in 0..<200 {
            let id: StaffID = generator.next()
            #expect(id.rawValue.count == 26)
            #expect(id.rawValue == id.rawValue.lowercased())
            #expect(StaffID(parsing: id.rawValue) == id)
        }
    }

    @Test func idsAreStrictlyIncreasingEvenWithAStoppedClock() {
        let generator = TimeOrderedIdentifierGenerator(clock: ManualWallClock(instant("2026-12-03T00:00:00Z")))
        var previous = generator.nextRawValue()
        for _ in 0..<5_000 {
            let next = generator.nextRawValue()
            #expect(next > previous)
            previous = next
        }
    }

    @Test func laterTimeSortsLaterAcrossGenerators() {
        let early = TimeOrderedIdentifierGenerator(clock: ManualWallClock(instant("2026-12-03T00:00:00Z")))
        let late = TimeOrderedIdentifierGenerator(clock: ManualWallClock(instant("2026-12-03T00:00:00.002Z")))
        for _ in 0..<100 {
            #expect(early.nextRawValue() < late.nextRawValue())
        }
    }

    @Test func theTimePrefixEncodesMilliseconds() {
        let generator = TimeOrderedIdentifierGenerator(clock: ManualWallClock(Date(timeIntervalSince1970: 0)))
        #expect(generator.nextRawValue().hasPrefix("0000000000"))
    }

    @Test(arguments: ["", "01hx", "01HXABCDEFGHJKMNPQRSTVWXYZ", "01hxabcdefghjkmnpqrstvwxyu", "81hxabcdefghjkmnpqrstvwxyz",
                      "01hxabcdefghjkmnpqrstvwxyz0", "01hxabcdefghjkmnpqrstvwxy!"])
    func parsingRejectsForeignShapes(_ text: String) {
        #expect(AssignmentID(parsing: text) == nil)
    }

    @Test func encodesAsPlainString() throws {
        let id = VisitID(rawValue: "01jabcdefghjkmnpqrstvwxyz0")
        let data = try JSONEncoder().encode([id])
        #expect(String(decoding: data, as: UTF8.self) == #"["01jabcdefghjkmnpqrstvwxyz0"]"#)
        #expect(try JSONDecoder().decode([VisitID].self, from: data) == [id])
    }
}
