@preconcurrency import Glibc
import Foundation

/// The PostgreSQL that storage and API tests run their PostgreSQL half against,
/// so that `swift test` alone runs the whole suite on a machine with PostgreSQL.
///
/// `KLIPSO_TEST_POSTGRES_URL` wins when set (CI and developers with their own
/// server). Otherwise, when PostgreSQL 15 is installed and the tests run as root
/// (initdb must run as the `postgres` user), a throwaway server is started once
/// per test process with `.ci/start-postgres.sh` on a free port, and stopped when
/// the process exits. Without either, the PostgreSQL cases are not run.
public enum TestPostgres {
    public static let url: String? = resolve()

    private static let initdb = "/usr/lib/postgresql/15/bin/initdb"

    private static func resolve() -> String? {
        if let url = ProcessInfo.processInfo.environment["KLIPSO_TEST_POSTGRES_URL"], !url.isEmpty { return url }
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: initdb) else { return nil }
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../.ci/start-postgres.sh").standardized.path
        guard FileManager.default.fileExists(atPath: script), let port = freePort() else { return nil }
        guard let output = run(script, ["start"], port: port),
              let line = output.split(separator: "\n").last, line.hasPrefix("export KLIPSO_TEST_POSTGRES_URL=") else {
            return nil
        }
        startedServer = (script, port)
        atexit { TestPostgres.stopStartedServer() }
        return String(line.dropFirst("export KLIPSO_TEST_POSTGRES_URL=".count))
    }

    nonisolated(unsafe) private static var startedServer: (script: String, port: Int)?

    private static func stopStartedServer() {
        guard let (script, port) = startedServer else { return }
        _ = run(script, ["stop"], port: port)
    }

    private static func run(_ script: String, _ arguments: [String], port: Int) -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["KLIPSO_TEST_POSTGRES_PORT"] = String(port)
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
    }

    /// A loopback port nobody listens on right now.
    private static func freePort() -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { return nil }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return named == 0 ? Int(UInt16(bigEndian: address.sin_port)) : nil
    }
}
