/// A civil-servant employee number (*Nomor Induk Pegawai*), checked by its structure.
///
/// KLIPSO officers are DPMPTSP employees (art. 5(2)); their NIP is how the office knows them.
/// The 18 digits are: birth date `YYYYMMDD`, appointment month `YYYYMM`, sex `1`/`2`, and a
/// serial `001`…`999`. There is no public registry to check against, so we check what the
/// structure allows, and report each wrong part separately:
///
/// - birth date: a real calendar date, year 1940 or later, not after `today`;
/// - appointment: a real month, not after `today`'s month, and not before the month in which
///   the person turned 15 (a deliberately loose lower bound: the legal minimum age is 18, but
///   we only want to catch digits that cannot be right);
/// - sex digit: `1` (male) or `2` (female);
/// - serial: not `000`.
///
/// Spaces between the groups (`19660227 199303 1 002`, as printed on decrees) are accepted.
public struct NIP: Sendable, Hashable, CustomStringConvertible {
    public static let earliestBirthYear = 1940
    public static let minimumAppointmentAge = 15

    /// The 18 digits, no separators.
    public let digits: String
    public let birthDate: LocalDate
    public let appointment: YearMonth
    public let sex: Sex
    public let serial: Int

    /// Validates `text` as of the office-local day `today`; `field` names the API field.
    public init(_ text: String, field: String = "nip", today: LocalDate) throws(ValidationError) {
        let bytes = try IdentifierText.digits(of: text, field: field, count: 18,
                                              separators: [UInt8(ascii: " ")], label: "NIP")
        func number(_ range: Range<Int>) -> Int { ASCIIDigits.value(bytes[range]) ?? -1 }
        var problems = ValidationError()

        // A birth date out of range is reported once; the appointment is then not judged
        // against it, so each message points at the part that is actually wrong.
        var birth = LocalDate(year: number(0..<4), month: number(4..<6), day: number(6..<8))
        if birth == nil {
            problems.add(field: field, code: "\(field).birth_date",
                         message: "digits 1-8 must be a real birth date YYYYMMDD")
        } else if let date = birth, date.year < Self.earliestBirthYear || date > today {
            problems.add(field: field, code: "\(field).birth_date",
                         message: "birth date (digits 1-8) must be between \(Self.earliestBirthYear) and today")
            birth = nil
        }

        let appointment = YearMonth(year: number(8..<12), month: number(12..<14))
        if let appointment {
            if appointment > YearMonth(today) {
                problems.add(field: field, code: "\(field).appointment",
                             message: "appointment month (digits 9-14) must not be in the future")
            } else if let birth,
                      appointment.monthCount < YearMonth(birth).monthCount + Self.minimumAppointmentAge * 12 {
                problems.add(field: field, code: "\(field).appointment",
                             message: "appointment month (digits 9-14) must be at least \(Self.minimumAppointmentAge) years after the birth date")
            }
        } else {
            problems.add(field: field, code: "\(field).appointment",
                         message: "digits 9-14 must be a real appointment month YYYYMM")
        }

        let sex: Sex? = switch bytes[14] {
        case UInt8(ascii: "1"): .male
        case UInt8(ascii: "2"): .female
        default: nil
        }
        if sex == nil {
            problems.add(field: field, code: "\(field).sex",
                         message: "digit 15 must be 1 (male) or 2 (female)")
        }

        let serial = number(15..<18)
        if serial == 0 {
            problems.add(field: field, code: "\(field).serial", message: "digits 16-18 (serial) must not be 000")
        }

        try problems.throwIfAny()
        guard let birth, let appointment, let sex else {
            preconditionFailure("NIP parts checked above")
        }
        self.digits = String(decoding: bytes, as: UTF8.self)
        self.birthDate = birth
        self.appointment = appointment
        self.sex = sex
        self.serial = serial
    }

    public var description: String { digits }
}
