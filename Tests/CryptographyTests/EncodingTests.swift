import Testing
@testable import Cryptography

@Suite struct EncodingTests {
    /// RFC 4648 §10 test vectors.
    @Test(arguments: [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")])
    func base64RFC4648Vectors(plain: String, encoded: String) {
        #expect(Base64.encode(Array(plain.utf8)) == encoded)
        #expect(Base64.decode(encoded) == Array(plain.utf8))
        let unpadded = String(encoded.filter { $0 != "=" })
        #expect(Base64.encode(Array(plain.utf8), padding: false) == unpadded)
        #expect(Base64.decode(unpadded) == Array(plain.utf8))
    }

    @Test func base64URLUsesTheURLSafeAlphabetWithoutPadding() {
        let bytes: [UInt8] = [0xfb, 0xff, 0xbf, 0xfe]
        #expect(Base64.encode(bytes) == "+/+//g==")
        #expect(Base64URL.encode(bytes) == "-_-__g")
        #expect(Base64URL.decode("-_-__g") == bytes)
        #expect(Base64URL.decode("-_-__g==") == bytes)
        #expect(Base64URL.decode("+/+//g") == nil)
        #expect(Base64.decode("-_-__g") == nil)
    }

    @Test(arguments: ["Zg=", "Zg===", "Z", "Zm9v\n", " Zm9v", "Zm9v!", "Zh==", "Zm9=", "=Zm9", "Zm==Zm9v"])
    func base64RejectsMalformedText(text: String) {
        #expect(Base64.decode(text) == nil)
    }

    @Test func base64RoundTripsEveryLengthUpTo64() {
        for length in 0...64 {
            let bytes = SecureRandom.bytes(length)
            #expect(Base64.decode(Base64.encode(bytes)) == bytes)
            #expect(Base64.decode(Base64.encode(bytes, padding: false)) == bytes)
            #expect(Base64URL.decode(Base64URL.encode(bytes)) == bytes)
        }
    }

    @Test func hexEncodesLowercaseAndDecodesEitherCase() {
        #expect(Hex.encode([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
        #expect(Hex.decode("000FA5ff") == [0x00, 0x0f, 0xa5, 0xff])
        #expect(Hex.decode("") == [])
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("0x00") == nil)
    }

    @Test func constantTimeEqualsComparesContentAndLength() {
        #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
        #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
        #expect(constantTimeEquals([UInt8](), []))
        #expect(!constantTimeEquals([0], []))
        #expect(constantTimeEquals("abc", "abc"))
        #expect(!constantTimeEquals("abc", "abd"))
    }

    @Test func secureRandomReturnsTheCountAskedForAndDiffers() {
        #expect(SecureRandom.bytes(0).isEmpty)
        let first = SecureRandom.bytes(32)
        let second = SecureRandom.bytes(32)
        #expect(first.count == 32)
        #expect(first != second)
    }
}
