import Dispatch
import Foundation
import Synchronization
import Testing
@testable import Cryptography

@Suite struct DataKeyTests {
    @Test func base64KeyMustDecodeToExactly32Bytes() throws {
        let key = try DataKey(base64: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=\n")
        #expect(key.bytes == Array(0..<32))
        #expect(key == (try DataKey(bytes: Array(0..<32))))
        #expect(key != DataKey.generate())
        #expect(invalidKeyMessage { try DataKey(base64: Base64.encode([UInt8](repeating: 1, count: 16))) }?.contains("decodes to 16 bytes") == true)
        #expect(invalidKeyMessage { try DataKey(base64: Base64.encode([UInt8](repeating: 1, count: 33))) }?.contains("decodes to 33 bytes") == true)
        #expect(invalidKeyMessage { try DataKey(base64: "not base64!") }?.contains("not valid base64") == true)
        #expect(invalidKeyMessage { try DataKey(base64: "") } != nil)
        #expect(invalidKeyMessage { try DataKey(bytes: [1, 2, 3]) } != nil)
    }

    @Test func environmentErrorsNameTheVariableAndNeverTheKey() {
        let message = invalidKeyMessage { try DataKey.fromEnvironment("c2VjcmV0LWJ1dC1zaG9ydA==") }
        #expect(message?.hasPrefix("KLIPSO_DATA_KEY:") == true)
        #expect(message?.contains("c2VjcmV0") == false)
        #expect("\(DataKey.generate())" == "DataKey(redacted)")
    }

    @Test func fileIsCreatedWithMode0600AndReloadedIdentically() throws {
        try withTemporaryDirectory { directory in
            let created = try DataKeyFile.loadOrCreate(directory: directory)
            let path = directory + "/data.key"
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == created.base64 + "\n")
            #expect(try DataKeyFile.loadOrCreate(directory: directory) == created)
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["data.key"])
        }
    }

    @Test func fileWithAWrongLengthKeyIsRejected() throws {
        try withTemporaryDirectory { directory in
            try write(Base64.encode([UInt8](repeating: 7, count: 24)) + "\n", to: directory + "/data.key", mode: 0o600)
            let error = #expect(throws: CryptographyError.self) { try DataKeyFile.loadOrCreate(directory: directory) }
            #expect(error?.code == .invalidKey)
            #expect(error?.message.contains("data.key") == true)
            #expect(error?.message.contains("24 bytes") == true)
        }
    }

    @Test func fileReadableByOthersIsRejected() throws {
        try withTemporaryDirectory { directory in
            try write(DataKey.generate().base64, to: directory + "/data.key", mode: 0o644)
            let error = #expect(throws: CryptographyError.self) { try DataKeyFile.loadOrCreate(directory: directory) }
            #expect(error?.code == .keyFile)
            #expect(error?.message.contains("0644") == true)
        }
    }

    @Test func missingDirectoryIsAClearError() {
        let error = #expect(throws: CryptographyError.self) { try DataKeyFile.loadOrCreate(directory: "/nonexistent-klipso-\(UInt32.random(in: 0...UInt32.max))") }
        #expect(error?.code == .keyFile)
    }

    /// Several processes starting at once must all end up with the one key on disk.
    @Test func concurrentCreatorsAgreeOnOneKey() throws {
        try withTemporaryDirectory { directory in
            let keys = Mutex<[DataKey]>([])
            DispatchQueue.concurrentPerform(iterations: 8) { _ in
                if let key = try? DataKeyFile.loadOrCreate(directory: directory) { keys.withLock { $0.append(key) } }
            }
            let loaded = keys.withLock { $0 }
            #expect(loaded.count == 8)
            let onDisk = try DataKeyFile.loadOrCreate(directory: directory)
            #expect(loaded.allSatisfy { $0 == onDisk })
        }
    }

    @Test func resolvePrefersTheEnvironmentAndFallsBackToTheFile() throws {
        try withTemporaryDirectory { directory in
            let fromEnvironment = try DataKey.resolve(environmentValue: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=", dataDirectory: directory)
            #expect(fromEnvironment.bytes == Array(0..<32))
            #expect(!FileManager.default.fileExists(atPath: directory + "/data.key"))
            let fromFile = try DataKey.resolve(environmentValue: "  ", dataDirectory: directory)
            #expect(try DataKey.resolve(environmentValue: nil, dataDirectory: directory) == fromFile)
        }
    }

    @Test func subkeysAreIndependentAndRoundTripPersonalData() throws {
        let master = DataKey.generate()
        let keys = try PersonalDataKeys(master: master)
        #expect(keys.encryptionKey != master)
        #expect(keys.lookupHash("3171234567890123") == keys.lookupHash("3171234567890123"))
        #expect(keys.lookupHash("3171234567890123") != keys.lookupHash("3171234567890124"))
        #expect(keys.lookupHash("x") != HMACSHA256.hexAuthenticationCode(message: "x", key: keys.encryptionKey.bytes))
        #expect(keys.lookupHash("x") != HMACSHA256.hexAuthenticationCode(message: "x", key: master.bytes))
        let sealed = keys.seal("3171234567890123", associatedData: "applicant.nik:1")
        #expect(try keys.open(sealed, associatedData: "applicant.nik:1") == "3171234567890123")
        #expect(throws: CryptographyError.self) { try keys.open(sealed, associatedData: "applicant.nik:2") }
        let otherKeys = try PersonalDataKeys(master: DataKey.generate())
        #expect(throws: CryptographyError.self) { try otherKeys.open(sealed, associatedData: "applicant.nik:1") }
    }

    private func invalidKeyMessage(_ body: () throws -> DataKey) -> String? {
        do {
            _ = try body()
            return nil
        } catch let error as CryptographyError {
            return error.code == .invalidKey ? error.message : "wrong code \(error.code)"
        } catch {
            return "unexpected \(error)"
        }
    }

    private func write(_ text: String, to path: String, mode: Int) throws {
        #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    private func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klipso-crypto-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try body(directory)
    }
}
