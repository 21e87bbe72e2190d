import Foundation
import SocketServer
import TLSTransport
import Testing

/// Throughput with wrk against the live server; prints wrk's report.
/// Only with `KLIPSO_BENCH=1` (and wrk installed); loopback only.
@Suite("wrk benchmark", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KLIPSO_BENCH"] != nil))
struct BenchmarkTests {
    func runWrk(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func healthThroughput() throws {
        let server = try TestServer { $0.eventLoopCount = 2 }
        for connections in [50, 400] {
            let report = try runWrk(["-t2", "-c\(connections)", "-d5s", "--latency", "http://127.0.0.1:\(server.port)/health"])
            print("wrk -c\(connections) /health:\n\(report)")
            #expect(report.contains("Requests/sec"))
        }
    }

    @Test func tlsHealthThroughput() throws {
        let directory = NSTemporaryDirectory() + "klipso-bench-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let context = try TLSContext(configuration: DevelopmentCertificate.ensure(in: directory).configuration)
        let server = try TestServer { $0.tls = context }
        let report = try runWrk(["-t2", "-c100", "-d5s", "--latency", "https://127.0.0.1:\(server.port)/health"])
        print("wrk -c100 https /health:\n\(report)")
        #expect(report.contains("Requests/sec"))
    }
}
