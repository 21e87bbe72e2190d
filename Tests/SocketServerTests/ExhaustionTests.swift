@preconcurrency import Glibc
import Foundation
import SocketServer
import Testing

/// Running out of file descriptors: the listener backs off instead of
/// spinning, and service resumes once descriptors are available again.
/// Lowers the process-wide descriptor limit, so it runs alone, only with `KLIPSO_SOAK=1`.
@Suite("Descriptor exhaustion", .serialized, .enabled(if: ProcessInfo.processInfo.environment["KLIPSO_SOAK"] != nil))
struct ExhaustionTests {
    static let clientScript = """
        import socket, sys
        port, count = int(sys.argv[1]), int(sys.argv[2])
        sys.stdin.readline()
        held = [socket.create_connection(("127.0.0.1", port), timeout=15) for _ in range(count)]
        for s in held:
            s.sendall(b"GET /health HTTP/1.1\\r\\nHost: a\\r\\n\\r\\n")
        answered = 0
        for s in held:
            data = b""
            try:
                while not data.endswith(b"ok"):
                    chunk = s.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                pass
            answered += data.endswith(b"ok")
        print(answered, flush=True)
        """

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    @Test func acceptBacksOffAtTheDescriptorLimitAndRecovers() throws {
        let server = try TestServer { $0.eventLoopCount = 1 }
        let clients = 40
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", Self.clientScript, String(server.port), String(clients)]
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()

        var original = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)
        let openNow = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        var lowered = original
        lowered.rlim_cur = rlim_t(openNow + 10)
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &lowered)
        try input.fileHandleForWriting.write(contentsOf: Data("go\n".utf8))

        // Stuck at the limit for a second: the loop must sleep, not spin.
        usleep(300_000)
        let cpuBefore = Self.cpuSeconds()
        usleep(1_000_000)
        let cpuUsed = Self.cpuSeconds() - cpuBefore
        let acceptedWhileLimited = server.server.statistics.acceptedTotal
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &original)

        let answered = Int(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
        process.waitUntilExit()
        #expect(acceptedWhileLimited < clients)
        #expect(cpuUsed < 0.3)
        #expect(answered == clients)
    }
}
