import Testing
@testable import Cryptography

@Suite struct AESGCMTests {
    let key = DataKey.generate()
    let plaintext = Array("3171234567890123".utf8)
    let associatedData = "applicant.nik:01J0000000000000000000000"

    @Test func roundTripsAndHasTheDocumentedLayout() throws {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(sealed.count == plaintext.count + AESGCM.overhead)
        #expect(sealed[0] == AESGCM.formatVersion)
        #expect(try AESGCM.open(sealed, key: key, associatedData: associatedData) == plaintext)
    }

    @Test func roundTripsEmptyPlaintextAndEmptyAssociatedData() throws {
        let sealed = AESGCM.seal([], key: key)
        #expect(sealed.count == AESGCM.overhead)
        #expect(try AESGCM.open(sealed, key: key) == [])
    }

    @Test func sealingTwiceUsesFreshNonces() {
        let first = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        let second = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(first[1..<13] != second[1..<13])
        #expect(first != second)
    }

    /// Every single-bit flip anywhere — version, nonce, ciphertext or tag — must be refused.
    @Test func everyFlippedByteIsDetected() {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        for index in sealed.indices {
            var tampered = sealed
            tampered[index] ^= 0x01
            let expectedCode: CryptographyError.Code = index == 0 ? .unsupportedVersion : .authenticationFailed
            #expect(openFailure(tampered, associatedData: associatedData) == expectedCode, "byte \(index)")
        }
    }

    @Test func changedAssociatedDataIsDetected() {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(openFailure(sealed, associatedData: "applicant.nik:01J0000000000000000000001") == .authenticationFailed)
        #expect(openFailure(sealed, associatedData: "") == .authenticationFailed)
    }

    @Test func wrongKeyIsDetected() {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(throws: CryptographyError.self) { try AESGCM.open(sealed, key: DataKey.generate(), associatedData: associatedData) }
        #expect(openFailure(sealed, key: DataKey.generate(), associatedData: associatedData) == .authenticationFailed)
    }

    @Test func truncatedInputIsRefusedAtEveryLength() {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        for length in 0..<sealed.count {
            let code = openFailure(Array(sealed.prefix(length)), associatedData: associatedData)
            #expect(code == (length < AESGCM.overhead ? .truncated : .authenticationFailed), "length \(length)")
        }
    }

    @Test func appendedBytesAreDetected() {
        let sealed = AESGCM.seal(plaintext, key: key, associatedData: associatedData)
        #expect(openFailure(sealed + [0], associatedData: associatedData) == .authenticationFailed)
    }

    private func openFailure(_ sealed: [UInt8], key: DataKey? = nil, associatedData: String) -> CryptographyError.Code? {
        do {
            _ = try AESGCM.open(sealed, key: key ?? self.key, associatedData: associatedData)
            return nil
        } catch let error as CryptographyError {
            return error.code
        } catch {
            return CryptographyError.Code("unexpected \(error)")
        }
    }
}
