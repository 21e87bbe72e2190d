import Cryptography
import Domain

/// How a NIK is kept at rest: sealed with AES-GCM under the personal-data key, bound to its
/// applicant, plus the keyed lookup hash and the last four digits.
///
/// Why it exists: UU 27/2022 expects identity numbers protected; the ciphertext is useless
/// without the key and cannot be moved to another row (associated data `applicant.nik:<id>`),
/// while the HMAC lets storage find and de-duplicate NIKs without decrypting. The sealed text
/// is `<16 digits>:<birth year>`: the year lets the NIK be re-read exactly as validated (its
/// two-digit year resolves to the same century) without storing anything in clear.
struct SealedNIK {
    let ciphertext: [UInt8]
    let lookup: String
    let last4: String

    init(_ nik: NIK, applicantID: ApplicantID, keys: PersonalDataKeys) {
        ciphertext = keys.seal("\(nik.unmaskedDigits):\(nik.birthDate.year)",
                               associatedData: Self.associatedData(applicantID))
        lookup = Self.lookup(nik, keys: keys)
        last4 = String(nik.unmaskedDigits.suffix(4))
    }

    static func lookup(_ nik: NIK, keys: PersonalDataKeys) -> String {
        keys.lookupHash(nik.unmaskedDigits)
    }

    static func associatedData(_ id: ApplicantID) -> String { "applicant.nik:\(id.rawValue)" }

    /// Opens and re-parses a stored NIK; corrupt or foreign ciphertext is ``StoreError/Code/corruptData``.
    static func open(_ ciphertext: [UInt8], applicantID: ApplicantID, keys: PersonalDataKeys) throws -> NIK {
        let text: String
        do {
            text = try keys.open(ciphertext, associatedData: associatedData(applicantID))
        } catch {
            throw StoreError(.corruptData, "the NIK of applicant \(applicantID) cannot be decrypted with this data key")
        }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let year = Int(parts[1]), let reference = LocalDate(year: year, month: 12, day: 31),
              let nik = try? NIK(String(parts[0]), referenceDate: reference) else {
            throw StoreError(.corruptData, "the NIK of applicant \(applicantID) is not a valid stored NIK")
        }
        return nik
    }
}
