import Foundation
import HTTPTestClient

/// The `klipso` executable run as a real process, as an operator runs it:
/// flags, environment, signals and exit status included.
final class ServerProcess {
    let process = Process()
    let dataDirectory: String
    private let errorPipe = Pipe()
    private let output = OutputCollector()
    private(set) var port = 0
    /// Whether this process owns (and so removes) its data directory.
    private let ownsDataDirectory: Bool

    /// The binary SwiftPM built next to the test bundle.
    static var executableURL: URL {
        let testBinary = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return testBinary.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("klipso")
    }

    /// Runs a `klipso` command that exits by itself (a CLI command, or `serve` with bad flags)
    /// and returns its exit status and everything it printed.
    static func runToCompletion(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executableURL
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    init(arguments: [String], environment: [String: String] = [:], dataDirectory: String? = nil) throws {
        self.dataDirectory = dataDirectory ?? NSTemporaryDirectory() + "klipso-process-" + UUID().uuidString
        ownsDataDirectory = dataDirectory == nil
        guard FileManager.default.isExecutableFile(atPath: Self.executableURL.path) else {
            throw TestFailure("klipso binary not found at \(Self.executableURL.path): run `swift build` first")
        }
        process.executableURL = Self.executableURL
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "0", "--data-dir", self.dataDirectory] + arguments
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { _, new in new }
        process.environment = env
        process.standardError = errorPipe
        process.standardOutput = errorPipe
        let output = self.output
        errorPipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        port = try waitForPort()
    }

    /// Everything the process wrote so far (stdout and stderr).
    var log: String { output.text }

    private func waitForPort(timeout: TimeInterval = 20) throws -> Int {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let range = log.range(of: #"listening on https?://127\.0\.0\.1:([0-9]+)"#, options: .regularExpression) {
                let match = String(log[range])
                if let port = Int(match.split(separator: ":").last ?? "") { return port }
            }
            guard process.isRunning else { throw TestFailure("klipso exited early: \(log)") }
            Thread.sleep(forTimeInterval: 0.02)
        }
        throw TestFailure("klipso did not report its port: \(log)")
    }

    func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// Waits for the process to exit (bounded) and returns its status, or nil on timeout.
    func waitForExit(timeout: TimeInterval = 20) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        return process.isRunning ? nil : process.terminationStatus
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        errorPipe.fileHandleForReading.readabilityHandler = nil
        if ownsDataDirectory { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }
}

/// Collects a child's output from the pipe's handler thread.
final class OutputCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ chunk: Data) { lock.withLock { data.append(chunk) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
