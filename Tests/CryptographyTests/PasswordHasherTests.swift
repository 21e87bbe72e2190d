import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Cryptography

@Suite struct PasswordHasherTests {
    /// Cheap enough for many test cases; the production cost is tested separately.
    let fast = PasswordHasher(cost: ScryptCost(logN: 10, blockSize: 8, parallelism: 1)!)

    @Test func hashHasTheDocumentedShapeAndVerifies() throws {
        let encoded = try fast.hash("correct horse battery staple")
        let fields = encoded.split(separator: "$", omittingEmptySubsequences: false)
        #expect(fields.count == 5)
        #expect(fields[1] == "scrypt")
        #expect(fields[2] == "ln=10,r=8,p=1")
        #expect(Base64.decode(String(fields[3]))?.count == 16)
        #expect(Base64.decode(String(fields[4]))?.count == 32)
        #expect(!fields[3].contains("=") && !fields[4].contains("="))
        #expect(fast.verify("correct horse battery staple", against: encoded))
    }

    @Test func wrongPasswordsFail() throws {
        let encoded = try fast.hash("s3cret")
        #expect(!fast.verify("s3creT", against: encoded))
        #expect(!fast.verify("", against: encoded))
        #expect(!fast.verify("s3cret ", against: encoded))
    }

    @Test func emptyAndNonASCIIPasswordsWork() throws {
        #expect(fast.verify("", against: try fast.hash("")))
        #expect(fast.verify("kata sandi rahasia ✓ ü", against: try fast.hash("kata sandi rahasia ✓ ü")))
    }

    @Test func saltsMakeEveryHashDifferent() throws {
        #expect(try fast.hash("same") != fast.hash("same"))
    }

    /// Verification reads the cost from the string, so raising the cost later
    /// keeps old hashes valid while flagging them for re-hashing.
    @Test func costIsReadFromTheEncodedStringAndWeakerCostsNeedRehash() throws {
        let production = PasswordHasher()
        let old = try fast.hash("password")
        #expect(production.verify("password", against: old))
        #expect(production.needsRehash(old))
        #expect(!fast.needsRehash(old))
        let stronger = PasswordHasher(cost: ScryptCost(logN: 11, blockSize: 8, parallelism: 1)!)
        #expect(!fast.needsRehash(try stronger.hash("password")))
        #expect(fast.needsRehash("not a hash"))
    }

    @Test(arguments: [
        "", "$", "$scrypt$", "scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$argon2id$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,p=1,r=8$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=010,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=0,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=64,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=20,r=32,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=-1,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$",
        "$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$AAAA!AAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA$",
        "$scrypt$ln=10,r=8,p=1,x=2$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA",
        "$scrypt$ln=10,r=8,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
    ])
    func malformedEncodedStringsNeverVerify(encoded: String) {
        #expect(!fast.verify("password", against: encoded))
        #expect(fast.needsRehash(encoded))
    }

    @Test func truncatingAValidHashAtAnyPointNeverVerifies() throws {
        let encoded = try fast.hash("password")
        for length in 0..<encoded.utf8.count {
            let prefix = String(decoding: encoded.utf8.prefix(length), as: UTF8.self)
            #expect(!fast.verify("password", against: prefix), "prefix of \(length) characters")
        }
    }

    @Test func dummyVerificationAlwaysFails() {
        #expect(!fast.verifyAgainstDummy("password"))
        #expect(!fast.verifyAgainstDummy(""))
    }

    /// The production cost: N = 2^15 must be real work (tens of milliseconds),
    /// and the dummy path must cost about as much as a real verification.
    @Test func productionCostTakesRealTimeAndDummyMatchesIt() throws {
        let hasher = PasswordHasher()
        let encoded = try hasher.hash("password")
        #expect(encoded.hasPrefix("$scrypt$ln=15,r=8,p=1$"))
        #expect(!hasher.needsRehash(encoded))
        // The fastest of three runs each, so other work on the machine does not skew the ratio.
        let verify = (0..<3).map { _ in measureMilliseconds { #expect(hasher.verify("password", against: encoded)) } }.min()!
        let dummy = (0..<3).map { _ in measureMilliseconds { #expect(!hasher.verifyAgainstDummy("password")) } }.min()!
        print("scrypt ln=15,r=8,p=1: verify \(verify) ms, dummy \(dummy) ms")
        #expect(verify > 10 && verify < 5_000)
        #expect(dummy > verify / 3 && dummy < verify * 3)
    }

    @Test func concurrentHashesAllComplete() throws {
        let results = Mutex<[Bool]>([])
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let password = "password \(index)"
            let encoded = try? fast.hash(password)
            let verified = encoded.map { fast.verify(password, against: $0) } ?? false
            results.withLock { $0.append(verified) }
        }
        #expect(results.withLock { $0 } == [Bool](repeating: true, count: 8))
    }

    /// Twelve threads hashing at once: never more than four may run together.
    @Test func atMostFourHashesRunAtOnce() throws {
        let hasher = PasswordHasher(cost: ScryptCost(logN: 13, blockSize: 8, parallelism: 1)!)
        let finished = DispatchSemaphore(value: 0)
        let threads = (0..<12).map { index in
            Thread {
                _ = try? hasher.hash("password \(index)")
                finished.signal()
            }
        }
        threads.forEach { $0.start() }
        for _ in threads { #expect(finished.wait(timeout: .now() + 60) == .success) }
        #expect(PasswordHasher.maximumConcurrentHashes == 4)
        #expect(PasswordHasher.slots.peak <= 4)
        #expect(PasswordHasher.slots.peak >= 2)
    }

    private func measureMilliseconds(_ body: () -> Void) -> Int {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Int((DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
    }
}
