import Domain
import Testing

@Suite struct NIPTests {
    let today = day("2026-12-03")

    @Test func acceptsTheNIPPrintedOnTheSeedMemo() throws {
        let nip = try NIP("196602271993031002", today: today)
        #expect(nip.birthDate == day("1966-02-27"))
        #expect(nip.appointment == YearMonth(year: 1993, month: 3))
        #expect(nip.sex == .male)
        #expect(nip.serial == 2)
        #expect(nip.description == "196602271993031002")
    }

    @Test func acceptsGroupsSeparatedBySpacesAndSurroundingWhitespace() throws {
        #expect(try NIP(" 19660227 199303 1 002\n", today: today).digits == "196602271993031002")
    }

    @Test func femaleAndLeapDayBirth() throws {
        let nip = try NIP("198802292010122999", today: today)
        #expect(nip.sex == .female)
        #expect(nip.birthDate == day("1988-02-29"))
    }

    @Test(arguments: [
        ("19660227199303100", "nip.format"),            // 17 digits
        ("1966022719930310021", "nip.format"),          // 19 digits
        ("19660227199303100a", "nip.format"),
        ("١٩٦٦٠٢٢٧١٩٩٣٠٣١٠٠٢", "nip.format"),           // non-ASCII digits
        ("198702292010121001", "nip.birth_date"),       // 29 Feb in a common year
        ("196613271993031002", "nip.birth_date"),       // month 13
        ("196602001993031002", "nip.birth_date"),       // day 00
        ("193912311960011001", "nip.birth_date"),       // before 1940
        ("202701011993031002", "nip.birth_date"),       // born after today
        ("196602271993131002", "nip.appointment"),      // month 13
        ("196602271993001002", "nip.appointment"),      // month 00
        ("196602271980011002", "nip.appointment"),      // aged 13
        ("196602271981011002", "nip.appointment"),      // month before turning 15
        ("196602272027011002", "nip.appointment"),      // in the future
        ("196602271993033002", "nip.sex"),
        ("196602271993030002", "nip.sex"),
        ("196602271993031000", "nip.serial"),
    ])
    func reportsWhichPartIsWrong(_ text: String, _ code: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try NIP(text, today: today) } == [code])
    }

    @Test func appointmentInTheMonthOfTurningFifteenAndThisMonthAreAccepted() throws {
        _ = try NIP("196602271981021002", today: today)
        _ = try NIP("200001012026121001", today: today)
    }

    @Test func reportsEveryWrongPartAtOnceUnderTheGivenField() {
        let codes = validationCodes { () throws(ValidationError) in
            _ = try NIP("196602301993139000", field: "officer_nip", today: today)
        }
        #expect(codes == ["officer_nip.birth_date", "officer_nip.appointment", "officer_nip.sex", "officer_nip.serial"])
    }
}

@Suite struct NIBTests {
    @Test func acceptsThirteenDigits() throws {
        #expect(try NIB(" 9120001234567 ").digits == "9120001234567")
    }

    @Test(arguments: ["912000123456", "91200012345678", "912000123456a", "", "9120-00123456"])
    func rejectsOtherShapes(_ text: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try NIB(text) } == ["nib.format"])
    }
}
