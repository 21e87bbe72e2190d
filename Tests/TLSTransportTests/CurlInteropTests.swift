import Foundation
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    /// Real sockets and a real client: curl must trust the development
    /// certificate given with `--cacert` and talk HTTP/1.1 over our TLS.
    @Suite struct CurlInteropTests {
        static let curl = "/usr/bin/curl"
        static let body = "hello from klipso\n"

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: curl)))
        func curlTrustsTheDevelopmentCertificate() throws {
            let fixture = try TLSFixture()
            let response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: \(Self.body.utf8.count)\r\nConnection: close\r\n\r\n\(Self.body)"
            let server = try LoopbackTLSServer(context: fixture.context, response: response)

            let output = try runCurl([
                "--silent", "--show-error", "--max-time", "10",
                "--cacert", fixture.configuration.certificateChainPath,
                "--resolve", "localhost:\(server.port):127.0.0.1",
                "--write-out", "%{http_code} %{http_version} %{ssl_verify_result}",
                "https://localhost:\(server.port)/hello",
            ])
            #expect(output.status == 0, "curl: \(output.standardError)")
            #expect(output.standardOutput == Self.body + "200 1.1 0")

            let served = try #require(server.result(within: 15)).get()
            #expect(served.requestHead.hasPrefix("GET /hello HTTP/1.1\r\n"))
            #expect(served.negotiatedProtocol == "http/1.1")
            #expect(served.negotiatedVersion == "TLSv1.3")
        }

        @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: curl)))
        func curlRefusesTheCertificateWithoutTheCAFile() throws {
            let fixture = try TLSFixture()
            let server = try LoopbackTLSServer(context: fixture.context, response: "HTTP/1.1 204 No Content\r\n\r\n")
            let output = try runCurl([
                "--silent", "--max-time", "10", "--capath", "/nonexistent", "--cacert", "/dev/null",
                "--resolve", "localhost:\(server.port):127.0.0.1", "https://localhost:\(server.port)/",
            ])
            #expect(output.status == 60 || output.status == 77)  // certificate problem / CA file problem
            _ = server.result(within: 15)  // the server sees the handshake fail and stops
        }

        private func runCurl(_ arguments: [String]) throws -> (status: Int32, standardOutput: String, standardError: String) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.curl)
            process.arguments = arguments
            let standardOutput = Pipe()
            let standardError = Pipe()
            process.standardOutput = standardOutput
            process.standardError = standardError
            try process.run()
            // curl's own --max-time bounds this; the watchdog covers a hung process.
            let watchdog = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
            DispatchQueue.global().asyncAfter(deadline: .now() + 30, execute: watchdog)
            let out = standardOutput.fileHandleForReading.readDataToEndOfFile()
            let err = standardError.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            watchdog.cancel()
            return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
        }
    }
}
