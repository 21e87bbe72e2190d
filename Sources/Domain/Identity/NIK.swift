/// A national identity number (*Nomor Induk Kependudukan*), checked by its structure.
///
/// 16 digits: region (province 2, regency 2, district 2), birth date `DDMMYY` with 40 added
/// to the day for women, and a serial `0001`…`9999`. Rules applied:
///
/// - province `00` does not exist; other region codes are accepted without a lookup (regions
///   are split and renamed over time, and an unknown code is not proof of a bad number);
/// - the day is 01…31 (men) or 41…71 (women) and, with the month and the resolved year, must
///   form a real date;
/// - the two-digit year is resolved to the most recent year that puts the birth date on or
///   before `referenceDate` (so `26` means 2026 in December 2026, `30` means 1930). Resolve
///   against the day the number was first recorded and store the birth date, because the
///   same digits re-read decades later could resolve to another century;
/// - the serial is not `0000`.
///
/// A NIK is personal data (UU 27/2022): `description` and `debugDescription` give only the
/// masked form, so string interpolation and logs never leak it. The full number is available
/// as `unmaskedDigits`, a name meant to stand out in review. Deliberately not `Codable`:
/// whoever serialises one must choose masked or full explicitly.
public struct NIK: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The full 16 digits. Personal data: never log, never put in audit events or webhooks.
    public let unmaskedDigits: String
    public let provinceCode: String
    public let regencyCode: String
    public let districtCode: String
    public let birthDate: LocalDate
    public let sex: Sex

    public init(_ text: String, field: String = "nik", referenceDate: LocalDate) throws(ValidationError) {
        let bytes = try IdentifierText.digits(of: text, field: field, count: 16, label: "NIK")
        func number(_ range: Range<Int>) -> Int { ASCIIDigits.value(bytes[range]) ?? -1 }
        func slice(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }
        var problems = ValidationError()

        if number(0..<2) == 0 {
            problems.add(field: field, code: "\(field).region",
                         message: "province code (digits 1-2) must not be 00")
        }

        let encodedDay = number(6..<8)
        let month = number(8..<10)
        let sex: Sex = encodedDay > 40 ? .female : .male
        let day = sex == .female ? encodedDay - 40 : encodedDay
        let year = Self.resolveYear(twoDigits: number(10..<12), month: month, day: day,
                                    referenceDate: referenceDate)
        let birth = LocalDate(year: year, month: month, day: day)
        if birth == nil {
            problems.add(field: field, code: "\(field).birth_date",
                         message: "digits 7-12 must be a real birth date DDMMYY (day + 40 for women)")
        }

        if number(12..<16) == 0 {
            problems.add(field: field, code: "\(field).serial", message: "digits 13-16 (serial) must not be 0000")
        }

        try problems.throwIfAny()
        guard let birth else { preconditionFailure("NIK birth date checked above") }
        self.unmaskedDigits = String(decoding: bytes, as: UTF8.self)
        self.provinceCode = slice(0..<2)
        self.regencyCode = slice(2..<4)
        self.districtCode = slice(4..<6)
        self.birthDate = birth
        self.sex = sex
    }

    /// The six-digit region code (province, regency, district).
    public var regionCode: String { provinceCode + regencyCode + districtCode }

    /// All but the last four digits replaced by `*`: `************1234`.
    public var masked: String {
        String(repeating: "*", count: 12) + String(unmaskedDigits.suffix(4))
    }

    public var description: String { masked }
    public var debugDescription: String { "NIK(\(masked))" }

    /// The latest year ending in `twoDigits` that does not put (month, day) after the reference.
    static func resolveYear(twoDigits: Int, month: Int, day: Int, referenceDate: LocalDate) -> Int {
        let candidate = (referenceDate.year / 100) * 100 + twoDigits
        let isAfterReference = (candidate, month, day) > (referenceDate.year, referenceDate.month, referenceDate.day)
        return isAfterReference ? candidate - 100 : candidate
    }
}
