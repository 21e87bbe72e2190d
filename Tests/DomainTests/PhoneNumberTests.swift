import Domain
import Testing

@Suite struct PhoneNumberTests {
    @Test(arguments: [
        ("081234567890", "+6281234567890"),
        ("0812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 812-3456-7890", "+6281234567890"),
        ("+6281234567890", "+6281234567890"),
        ("(0735) 326076", "+62735326076"),          // 9 national digits: the office's landline
        ("08123456789012", "+628123456789012"),     // 13 national digits
    ])
    func normalisesToInternationalForm(_ text: String, _ expected: String) throws {
        #expect(try PhoneNumber(text).e164 == expected)
    }

    @Test(arguments: [
        ("0812345", "phone.length"),                // 7 national digits
        ("073532607", "phone.length"),              // 8
        ("081234567890123", "phone.length"),        // 14
        ("+620812345678", "phone.length"),          // national part starts with 0
        ("81234567890", "phone.prefix"),
        ("+6581234567", "phone.prefix"),            // Singapore
        ("+081234567890", "phone.prefix"),
        ("0812-3456-789x", "phone.format"),
        ("", "phone.format"),
        ("0812+34567890", "phone.format"),
    ])
    func rejectsWithAReason(_ text: String, _ code: String) {
        #expect(validationCodes { () throws(ValidationError) in _ = try PhoneNumber(text) } == [code])
    }
}
