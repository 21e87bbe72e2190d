import Testing
import Cryptography

@Suite struct TokenTests {
    @Test func tokensHaveThePrefixAndLengthAndAreUnique() {
        var seen = Set<String>()
        for _ in 0..<1000 {
            let token = AccessToken.generate()
            #expect(token.hasPrefix("kls_"))
            #expect(token.utf8.count == 47)
            #expect(token.utf8.allSatisfy { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || (0x30...0x39).contains($0) || (0x41...0x5a).contains($0) || (0x61...0x7a).contains($0) })
            #expect(AccessToken.isWellFormed(token))
            seen.insert(token)
        }
        #expect(seen.count == 1000)
    }

    @Test(arguments: ["", "kls_", "kls_short", "abc_" + String(repeating: "A", count: 43), "kls_" + String(repeating: "A", count: 42) + "=", "kls_" + String(repeating: "A", count: 42) + "B"])
    func junkIsNotWellFormed(text: String) {
        #expect(!AccessToken.isWellFormed(text))
    }

    @Test func digestIsHexSHA256OfTheToken() {
        let token = AccessToken.generate()
        let digest = TokenDigest.sha256(token)
        #expect(digest.utf8.count == 64)
        #expect(digest == SHA256.hexDigest(Array(token.utf8)))
        #expect(TokenDigest.matches(token, storedDigest: digest))
        #expect(TokenDigest.matches(token, storedDigest: digest.uppercased()))
        #expect(!TokenDigest.matches(AccessToken.generate(), storedDigest: digest))
        #expect(TokenDigest.sha256("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
