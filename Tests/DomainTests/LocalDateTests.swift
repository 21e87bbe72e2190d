import Domain
import Foundation
import Testing

@Suite struct LocalDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "1966-02-27", "0001-01-01", "9999-12-31"])
    func parsesRealDates(_ text: String) throws {
        let date = try #require(LocalDate(iso8601: text))
        #expect(date.iso8601 == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-2-01",
                      "24-02-01", "2024/02/01", "2024-02-01T00:00", "", "٢٠٢٤-٠٢-٠١", "2024-02-0a"])
    func rejectsAnythingElse(_ text: String) {
        #expect(LocalDate(iso8601: text) == nil)
    }

    @Test func parseReportsTheField() {
        #expect(validationCodes { () throws(ValidationError) in _ = try LocalDate.parse("2023-02-29", field: "decree_date") }
            == ["decree_date.format"])
    }

    @Test func daysSinceEpochRoundTripsAcrossLeapYears() throws {
        #expect(day("1970-01-01").daysSinceEpoch == 0)
        #expect(day("2000-03-01").daysSinceEpoch - day("2000-02-28").daysSinceEpoch == 2)
        #expect(day("1900-03-01").daysSinceEpoch - day("1900-02-28").daysSinceEpoch == 1)
        var date = day("1899-12-25")
        for _ in 0..<80_000 {
            let next = date.adding(days: 1)
            #expect(next > date)
            #expect(LocalDate(daysSinceEpoch: next.daysSinceEpoch) == next)
            date = next
        }
        #expect(date == day("2119-01-06"))  // checked independently
        #expect(day("2024-03-01").adding(days: -1) == day("2024-02-29"))
    }

    @Test func ordersChronologically() {
        #expect(day("2024-01-31") < day("2024-02-01"))
        #expect(day("2023-12-31") < day("2024-01-01"))
        #expect(!(day("2024-01-01") < day("2024-01-01")))
    }

    @Test func codesAsIsoString() throws {
        let data = try JSONEncoder().encode([day("2026-12-03")])
        #expect(String(decoding: data, as: UTF8.self) == #"["2026-12-03"]"#)
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [day("2026-12-03")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data(#"["2026-02-30"]"#.utf8)) }
    }

    @Test func yearMonthOrders() throws {
        let march = try #require(YearMonth(year: 1993, month: 3))
        #expect(march.description == "1993-03")
        #expect(YearMonth(year: 1993, month: 13) == nil)
        #expect(march < YearMonth(day("1993-04-01")))
    }
}
