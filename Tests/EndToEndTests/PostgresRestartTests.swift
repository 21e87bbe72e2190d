import Foundation
import HTTPTestClient
import Testing

/// With PostgreSQL, a database restart makes requests fail with a 503 problem
/// while it is down and succeed again after, with nothing half-written. Runs a
/// private throwaway PostgreSQL (its own port), so it needs the server binaries
/// and root (initdb runs as the postgres user).
@Suite("PostgreSQL restart", .serialized,
       .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/15/bin/initdb") && getuid() == 0))
struct PostgresRestartTests {
    static let adminToken = "postgres-restart-admin-token-0123456789abcdef"
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../.ci/start-postgres.sh").standardized.path

    @Test func requestsFailWith503WhileTheDatabaseIsDownAndRecoverAfter() throws {
        let port = String(56_000 + Int(getpid() % 1000))
        let url = try postgres(["start"], port: port)
        defer { _ = try? postgres(["stop"], port: port) }

        let server = try ServerProcess(arguments: ["--insecure-http", "--no-access-log", "--database", url],
                                       environment: ["KLIPSO_ADMIN_TOKEN": Self.adminToken])
        let client = try TestClient(port: server.port)
        let before = try client.json("POST", "/v1/api-keys", ["name": "before-restart", "scopes": ["visits:read"]], token: Self.adminToken)
        #expect(before.status == 201)

        _ = try postgres(["pause"], port: port)
        let down = try TestClient(port: server.port).json("POST", "/v1/api-keys", ["name": "while-down", "scopes": ["visits:read"]],
                                                         token: Self.adminToken)
        #expect(down.status == 503)
        #expect(down.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(down.header("Retry-After") != nil)
        #expect(try TestClient(port: server.port).get("/ready").status == 503)

        _ = try postgres(["resume"], port: port)
        var after: TestResponse?
        for attempt in 0..<50 {
            after = try TestClient(port: server.port).json("POST", "/v1/api-keys", ["name": "after-restart-\(attempt)", "scopes": ["visits:read"]],
                                                          token: Self.adminToken)
            if after?.status == 201 { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(after?.status == 201)
        #expect(try TestClient(port: server.port).get("/ready").status == 200)

        // Nothing half-written: the key created while the database was down does not exist.
        let list = try TestClient(port: server.port).json("GET", "/v1/api-keys?limit=200", token: Self.adminToken).jsonObject()
        let names = (list["items"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        #expect(names.contains("before-restart"))
        #expect(!names.contains("while-down"))
        server.signal(SIGTERM)
        #expect(server.waitForExit() == 0)
    }

    /// Runs the project's throwaway-PostgreSQL script; returns the database URL it exports.
    private func postgres(_ arguments: [String], port: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Self.script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KLIPSO_TEST_POSTGRES_PORT"] = port
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("start-postgres.sh \(arguments) failed") }
        let text = String(decoding: data, as: UTF8.self)
        return text.split(separator: "\n").last.map { String($0.split(separator: "=", maxSplits: 1).last ?? "") } ?? ""
    }
}
