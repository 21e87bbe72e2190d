import Foundation
import HTTPTestClient
import TLSTransport
import Testing

@Suite("klipso serve as a process", .serialized)
struct ProcessTests {
    @Test func servesTheDevelopmentCertificateAndExitsCleanlyOnSIGTERM() throws {
        let server = try ServerProcess(arguments: [])
        let certificate = server.dataDirectory + "/tls/dev-cert.pem"
        #expect(server.log.contains("generated a development certificate: \(certificate)"))
        let client = try TestClient(port: server.port)
        try client.startTLS(trusting: certificate)
        #expect(try client.get("/health").status == 200)
        server.signal(SIGTERM)
        #expect(server.waitForExit() == 0)
    }

    @Test func sigintAlsoShutsDownGracefully() throws {
        let server = try ServerProcess(arguments: ["--insecure-http"])
        #expect(try TestClient(port: server.port).get("/health").status == 200)
        server.signal(SIGINT)
        #expect(server.waitForExit() == 0)
    }

    @Test func sighupReloadsTheCertificateWithoutDroppingConnections() throws {
        let scratch = NSTemporaryDirectory() + "klipso-reload-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let first = try DevelopmentCertificate.ensure(in: scratch + "/a").configuration
        let second = try DevelopmentCertificate.ensure(in: scratch + "/b").configuration
        let live = scratch + "/live"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: first.certificateChainPath, toPath: live + "/cert.pem")
        try FileManager.default.copyItem(atPath: first.privateKeyPath, toPath: live + "/key.pem")

        let server = try ServerProcess(arguments: ["--tls-cert", live + "/cert.pem", "--tls-key", live + "/key.pem"])
        let before = try TestClient(port: server.port)
        try before.startTLS(trusting: first.certificateChainPath)
        #expect(try before.get("/health").status == 200)

        for name in ["cert.pem", "key.pem"] { try FileManager.default.removeItem(atPath: live + "/" + name) }
        try FileManager.default.copyItem(atPath: second.certificateChainPath, toPath: live + "/cert.pem")
        try FileManager.default.copyItem(atPath: second.privateKeyPath, toPath: live + "/key.pem")
        server.signal(SIGHUP)
        let deadline = Date().addingTimeInterval(10)
        while !server.log.contains("reloaded the TLS certificate") && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(server.log.contains("reloaded the TLS certificate"))

        let after = try TestClient(port: server.port)
        try after.startTLS(trusting: second.certificateChainPath)
        #expect(try after.get("/health").status == 200)
        // The connection opened before the reload keeps working on its old session.
        #expect(try before.get("/health").status == 200)
        server.signal(SIGTERM)
        #expect(server.waitForExit() == 0)
    }

    @Test(arguments: [
        (["serve", "--port", "70000"], "--port must be a whole number"),
        (["serve", "--insecure-http"], "--insecure-http listens on loopback only"),
        (["serve", "--tls-cert", "/tmp/x.pem"], "--tls-cert and --tls-key go together"),
        (["serve", "--no-such-flag"], "unknown option '--no-such-flag'"),
        (["serve", "--idle-timeout", "-3"], "--idle-timeout must be a number of seconds"),
        (["serve", "--queue-prefix", "k1"], "--queue-prefix must be 1 to 8 capital letters"),
        (["serve", "--desk-labels", "lobby=Lobi"], "--desk-labels entries are desk=label"),
        (["serve", "--time-zone", "Mars/Olympus"], "is not a known time zone"),
        (["serve", "--cors-origins", "app.example"], "--cors-origins entries are origins"),
    ])
    func badFlagsAreRejectedBeforeAnythingStarts(arguments: [String], message: String) throws {
        let result = try ServerProcess.runToCompletion(arguments)
        #expect(result.status == 64)
        #expect(result.output.contains(message))
    }
}
