import Domain
import Testing

@Suite struct NIKTests {
    let reference = day("2026-12-03")

    @Test func decodesAMaleNIK() throws {
        let nik = try NIK("1601011502900001", referenceDate: reference)
        #expect(nik.sex == .male)
        #expect(nik.birthDate == day("1990-02-15"))
        #expect(nik.regionCode == "160101")
        #expect((nik.provinceCode, nik.regencyCode, nik.districtCode) == ("16", "01", "01"))
    }

    @Test func womenHaveFortyAddedToTheDay() throws {
        let nik = try NIK("1601015502901234", referenceDate: reference)
        #expect(nik.sex == .female)
        #expect(nik.birthDate == day("1990-02-15"))
        let lastDay = try NIK("1601017112850001", referenceDate: reference)
        #expect(lastDay.birthDate == day("1985-12-31"))
        #expect(lastDay.sex == .female)
    }

    @Test func leapDayDependsOnTheResolvedYear() throws {
        #expect(try NIK("1601012902000001", referenceDate: reference).birthDate == day("2000-02-29"))
        #expect(try NIK("1601016902960001", referenceDate: reference).birthDate == day("1996-02-29"))
        // 2001 is a common year; and '00' read in 1999 means 1900, which was not a leap year.
        #expect(validationCodes { () throws(ValidationError) in _ = try NIK("1601012902010001", referenceDate: reference) }
            == ["nik.birth_date"])
        #expect(validationCodes { () throws(ValidationError) in _ = try NIK("1601012902000001", referenceDate: day("1999-06-01")) }
            == ["nik.birth_date"])
    }

    @Test func twoDigitYearResolvesToTheLatestYearNotAfterTheReference() throws {
        #expect(try NIK("1601010312260001", referenceDate: reference).birthDate == day("2026-12-03"))
        #expect(try NIK("1601010412260001", referenceDate: reference).birthDate == day("1926-12-04"))
        #expect(try NIK("1601010101300001", referenceDate: reference).birthDate == day("1930-01-01"))
        #expect(try NIK("1601010101050001", referenceDate: reference).birthDate == day("2005-01-01"))
    }

    @Test func unknownRegionIsNotAnError() throws {
        #expect(try NIK("9999991502900001", referenceDate: reference).provinceCode == "99")
    }

    @Test(arguments: [
        ("160101150290000", "nik.format"),
        ("16010115029000011", "nik.format"),
        ("16010115029O0001", "nik.format"),
        ("0001011502900001", "nik.region"),
        ("0099011502900001", "nik.region"),
        ("1601010002900001", "nik.birth_date"),   // day 00
        ("1601013202900001", "nik.birth_date"),   // day 32
        ("1601014002900001", "nik.birth_date"),   // 40 = woman born on day 0
        ("1601017202900001", "nik.birth_date"),   // 72 = woman born on day 32
        ("1601013102900001", "nik.birth_date"),   // 31 February
        ("1601011513900001", "nik.birth_date"),   // month 13
        ("1601011500900001", "nik.birth_date"),   // month 00
        ("1601011502900000", "nik.serial"),
    ])
    func reportsWhichPartIsWrong(_ text: String, _ code: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try NIK(text, referenceDate: reference) } == [code])
    }

    @Test func masksAllButTheLastFourDigitsEverywhereByDefault() throws {
        let nik = try NIK("1601015502901234", referenceDate: reference)
        #expect(nik.masked == "************1234")
        #expect("\(nik)" == "************1234")
        #expect(String(reflecting: nik) == "NIK(************1234)")
        #expect(nik.unmaskedDigits == "1601015502901234")
    }
}
