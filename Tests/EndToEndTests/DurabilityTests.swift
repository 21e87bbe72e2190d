import Database
import Foundation
import HTTPTestClient
import Testing

/// Crash safety: what the server acknowledged survives SIGKILL, and the audit
/// chain detects tampering. Runs `klipso` as a real process on SQLite.
@Suite("Durability and audit integrity", .serialized)
struct DurabilityTests {
    static let adminToken = "durability-admin-token-0123456789abcdef012345"

    @Test func everyAcknowledgedCreateSurvivesSIGKILLExactlyOnce() throws {
        let dataDirectory = NSTemporaryDirectory() + "klipso-kill-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let environment = ["KLIPSO_ADMIN_TOKEN": Self.adminToken]
        var server: ServerProcess? = try ServerProcess(arguments: ["--insecure-http", "--no-access-log"],
                                                       environment: environment, dataDirectory: dataDirectory)
        let port = server!.port
        let acknowledged = AcknowledgedNames()
        let writers = 8
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            Thread {
                defer { group.leave() }
                guard let client = try? TestClient(port: port, timeout: 5) else { return }
                for index in 0..<2_000 {
                    let name = "kill-\(writer)-\(index)"
                    guard let response = try? client.json("POST", "/v1/api-keys", ["name": name, "scopes": ["visits:read"]],
                                                          token: Self.adminToken) else { return }
                    guard response.status == 201 else { return }
                    acknowledged.add(name)
                }
            }.start()
        }
        // Kill the server hard in the middle of the burst.
        let deadline = Date().addingTimeInterval(30)
        while acknowledged.count < 300 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
        server!.signal(SIGKILL)
        #expect(group.wait(timeout: .now() + 30) == .success)
        _ = server!.waitForExit()
        server = nil
        let names = acknowledged.all
        #expect(names.count >= 300)

        let restarted = try ServerProcess(arguments: ["--insecure-http", "--no-access-log"],
                                          environment: environment, dataDirectory: dataDirectory)
        let client = try TestClient(port: restarted.port)
        var stored: [String: Int] = [:]
        var cursor: String?
        for _ in 0..<1_000 {
            let path = "/v1/api-keys?limit=200" + (cursor.map { "&cursor=\($0)" } ?? "")
            let page = try client.json("GET", path, token: Self.adminToken).jsonObject()
            for item in page["items"] as? [[String: Any]] ?? [] {
                if let name = item["name"] as? String { stored[name, default: 0] += 1 }
            }
            cursor = page["next_cursor"] as? String
            if cursor == nil { break }
        }
        let missing = names.filter { stored[$0] == nil }
        let duplicated = stored.filter { $0.value > 1 }.map(\.key)
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(10))")
        #expect(duplicated.isEmpty, "stored twice: \(duplicated.prefix(10))")
    }

    @Test func auditVerifyDetectsAnEditedEvent() throws {
        let dataDirectory = NSTemporaryDirectory() + "klipso-audit-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        do {
            let server = try ServerProcess(arguments: ["--insecure-http", "--no-access-log"],
                                           environment: ["KLIPSO_ADMIN_TOKEN": Self.adminToken], dataDirectory: dataDirectory)
            let client = try TestClient(port: server.port)
            for index in 0..<5 {
                let response = try client.json("POST", "/v1/api-keys", ["name": "audited-\(index)", "scopes": ["visits:read"]],
                                               token: Self.adminToken)
                #expect(response.status == 201)
            }
            server.signal(SIGTERM)
            #expect(server.waitForExit() == 0)
        }
        let intact = try ServerProcess.runToCompletion(["audit", "verify", "--data-dir", dataDirectory])
        #expect(intact.status == 0)
        #expect(intact.output.contains("audit chain intact"))

        // An attacker with database access edits one event (after dropping the guard trigger).
        let pool = try DatabasePool.open(url: dataDirectory + "/klipso.sqlite")
        try pool.write { connection in
            _ = try connection.execute("DROP TRIGGER audit_events_no_update", [])
            _ = try connection.execute("UPDATE audit_events SET action = 'api_key.deleted' WHERE seq = 3", [])
        }
        pool.close()
        let broken = try ServerProcess.runToCompletion(["audit", "verify", "--data-dir", dataDirectory])
        #expect(broken.status != 0)
        #expect(broken.output.contains("broken at seq 3"))
    }
}

/// Names the server answered 201 for, collected from several client threads.
final class AcknowledgedNames: @unchecked Sendable {
    private let lock = NSLock()
    private var names: [String] = []

    func add(_ name: String) { lock.withLock { names.append(name) } }
    var count: Int { lock.withLock { names.count } }
    var all: [String] { lock.withLock { names } }
}
