import Testing
@testable import Cryptography

/// Published test vectors: they prove each wrapper computes the standard
/// algorithm, not merely something self-consistent.
@Suite struct KnownAnswerTests {
    private func bytes(_ hex: String) -> [UInt8] { Hex.decode(hex)! }

    @Test func sha256OfABC() {
        #expect(SHA256.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.digest(Array("abc".utf8)) == bytes("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"))
    }

    @Test func sha256OfEmptyInput() {
        #expect(SHA256.hexDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func hmacRFC4231TestCase1() {
        let tag = HMACSHA256.authenticate(message: Array("Hi There".utf8), key: [UInt8](repeating: 0x0b, count: 20))
        #expect(Hex.encode(tag) == "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    @Test func hmacRFC4231TestCase2() {
        let tag = HMACSHA256.hexAuthenticationCode(message: "what do ya want for nothing?", key: Array("Jefe".utf8))
        #expect(tag == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test func hmacRFC4231TestCase6KeyLongerThanABlock() {
        let tag = HMACSHA256.hexAuthenticationCode(
            message: "Test Using Larger Than Block-Size Key - Hash Key First", key: [UInt8](repeating: 0xaa, count: 131))
        #expect(tag == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }

    @Test func hmacWithEmptyKeyAndMessage() {
        #expect(HMACSHA256.hexAuthenticationCode(message: [], key: []) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }

    @Test func hkdfRFC5869TestCase1() throws {
        let output = try HKDF.deriveSHA256(
            inputKeyMaterial: [UInt8](repeating: 0x0b, count: 22), salt: bytes("000102030405060708090a0b0c"),
            info: bytes("f0f1f2f3f4f5f6f7f8f9"), outputCount: 42)
        #expect(Hex.encode(output) == "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865")
    }

    @Test func scryptRFC7914Password() throws {
        let output = try Scrypt.derive(
            password: Array("password".utf8), salt: Array("NaCl".utf8), costN: 1024, blockSize: 8, parallelism: 16, outputCount: 64)
        #expect(Hex.encode(output) == "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640")
    }

    @Test func scryptRFC7914EmptyPasswordAndSalt() throws {
        let output = try Scrypt.derive(password: [], salt: [], costN: 16, blockSize: 1, parallelism: 1, outputCount: 64)
        #expect(Hex.encode(output) == "77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906")
    }

    @Test func scryptRejectsInvalidCost() {
        #expect(throws: CryptographyError.self) {
            try Scrypt.derive(password: [1], salt: [1], costN: 1000, blockSize: 8, parallelism: 1, outputCount: 32)
        }
        // 128 × 32 × 2^20 bytes is far above the memory cap: OpenSSL must refuse, not allocate.
        #expect(throws: CryptographyError.self) {
            try Scrypt.derive(password: [1], salt: [1], costN: 1 << 20, blockSize: 32, parallelism: 1, outputCount: 32)
        }
    }

    /// NIST GCM specification test case 14 (256-bit zero key, zero IV, one zero block).
    @Test func aes256GCMTestCase14() {
        let output = AESGCM.encrypt([UInt8](repeating: 0, count: 16), key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 12), authenticatedData: [])
        #expect(Hex.encode(output) == "cea7403d4d606b6e074ec5d3baf39d18" + "d0d1c8a799996bf0265b98b5d48ab919")
    }

    /// Pins the subkey derivation (values computed independently): changing an
    /// info string would make every stored NIK unreadable.
    @Test func personalDataSubkeysArePinned() throws {
        let keys = try PersonalDataKeys(master: DataKey(bytes: Array(0..<32)))
        #expect(Hex.encode(keys.encryptionKey.bytes) == "91bb659e2166968cf5c07bb06460060a571b100a58405fef10160646b3ff9a41")
        #expect(keys.lookupHash("3171234567890123") == "a74de22563152419d85bbee6bb8dc437516cd475ab07c4d915240e3392020540")
    }
}
