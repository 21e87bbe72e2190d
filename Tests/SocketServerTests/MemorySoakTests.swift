import Foundation
import SocketServer
import TLSTransport
import Testing

/// Resident memory of many idle keep-alive connections, measured with the
/// clients in a separate process (python3) so only the server's memory counts.
/// Slow (about a minute with TLS), so it runs only with `KLIPSO_SOAK=1`.
@Suite("Idle connection memory", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KLIPSO_SOAK"] != nil))
struct MemorySoakTests {
    static let connectionCount = Int(ProcessInfo.processInfo.environment["KLIPSO_SOAK_CONNECTIONS"] ?? "") ?? 10_000

    static let clientScript = """
        import socket, ssl, sys
        port, count, ca = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
        context = None
        if ca != "-":
            context = ssl.create_default_context(cafile=ca)
        held = []
        for i in range(count):
            s = socket.create_connection(("127.0.0.1", port))
            if context:
                s = context.wrap_socket(s, server_hostname="localhost")
            s.sendall(b"GET /health HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n")
            data = b""
            while not data.endswith(b"ok"):
                chunk = s.recv(4096)
                if not chunk:
                    sys.exit("closed early")
                data += chunk
            held.append(s)
        print("ready", flush=True)
        sys.stdin.read()
        """

    static func residentKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    func measure(tls: TLSContext?, caPath: String) throws -> Double {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 2)
        configuration.tls = tls
        configuration.timeouts.idle = .seconds(300)
        configuration.timeouts.headerRead = .seconds(300)
        let server = HTTPServer(configuration: configuration, responder: TestResponder(probe: ResponderProbe()), logger: .silent)
        try server.start()
        defer {
            server.shutdown(gracePeriod: .seconds(1))
            server.waitUntilStopped()
        }
        let before = Self.residentKiB()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.clientScript, String(server.port), String(Self.connectionCount), caPath]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        let line = output.fileHandleForReading.availableData
        #expect(String(decoding: line, as: UTF8.self).hasPrefix("ready"))
        #expect(server.statistics.openConnections == Self.connectionCount)
        let after = Self.residentKiB()
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let perConnection = Double(after - before) / Double(Self.connectionCount)
        print("idle \(tls == nil ? "plain" : "TLS") connections: \(Self.connectionCount), RSS +\(after - before) KiB, \(perConnection) KiB each")
        return perConnection
    }

    @Test func plainIdleConnectionsStaySmall() throws {
        let perConnection = try measure(tls: nil, caPath: "-")
        #expect(perConnection < 3)
    }

    @Test func tlsIdleConnectionsStaySmall() throws {
        let directory = NSTemporaryDirectory() + "klipso-soak-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let (configuration, _) = try DevelopmentCertificate.ensure(in: directory)
        let perConnection = try measure(tls: try TLSContext(configuration: configuration), caPath: configuration.certificateChainPath)
        // OpenSSL 3.0's own floor is about 15 KiB per established SSL (measured
        // in TLSTransportTests); this guards the server's share on top of it.
        #expect(perConnection < 20)
    }
}
