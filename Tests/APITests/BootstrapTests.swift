import Foundation
import HTTPTestClient
import Testing

@Suite("First start creates the administrator")
struct BootstrapTests {
    @Test(arguments: APIBackend.available)
    func tokenFromConfigurationAdministers(_ backend: APIBackend) throws {
        let live = try LiveAPI(backend)
        defer { live.stop() }
        let list = try live.call("GET", "/v1/staff")
        #expect(list.status == 200)
        let admin = try #require(list.items.first)
        #expect(list.items.count == 1)
        #expect(admin["username"] as? String == "admin")
        #expect(admin["roles"] as? [String] == ["admin"])
        #expect(admin["nip"] is NSNull)
        #expect(!FileManager.default.fileExists(atPath: live.dataDirectory + "/admin-token"))
        // The bootstrap admin has no usable password.
        let login = try live.call("POST", "/v1/auth/token", ["username": "admin", "password": "anything-at-all"], token: nil)
        #expect(login.status == 401)
        let audit = try live.call("GET", "/v1/audit-events?resource_type=staff")
        #expect(audit.items.first?["action"] as? String == "staff.bootstrapped")
        #expect(audit.items.first?["actor_id"] is NSNull)
    }

    @Test func generatedTokenIsWrittenOwnerOnlyAndSecondStartKeepsIt() throws {
        let directory = NSTemporaryDirectory() + "klipso-api-boot-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let announced = Announcements()
        let first = try LiveAPI(dataDirectory: directory, keepData: true) { configuration in
            configuration.announce = { announced.add($0) }
        }
        let path = directory + "/admin-token"
        let token = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(announced.all.filter { $0.contains(token) }.count == 1)
        #expect(try first.call("GET", "/v1/staff", token: token).status == 200)
        #expect(try first.call("GET", "/v1/staff", token: LiveAPI.adminToken).status == 401)
        first.stop()

        let second = try LiveAPI(dataDirectory: directory, keepData: true) { _ in }
        defer { second.stop() }
        let list = try second.call("GET", "/v1/staff", token: token)
        #expect(list.status == 200)
        #expect(list.items.count == 1)
        let again = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(again == token)
        #expect(try second.call("GET", "/ready", token: nil).status == 200)
    }
}

/// Collects `announce` lines from the application's threads.
final class Announcements: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []  // guarded by `lock`

    func add(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
