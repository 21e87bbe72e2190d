import Application
import Foundation
import HTTPTestClient
import SocketServer

/// The real application, started in-process on an ephemeral loopback port with
/// a fresh data directory, exactly as `klipso serve` wires it.
final class LiveApplication {
    let application: KlipsoApplication
    let dataDirectory: String
    let usesTLS: Bool

    init(tls: Bool = true, configure: (inout ApplicationConfiguration) -> Void = { _ in }) throws {
        dataDirectory = NSTemporaryDirectory() + "klipso-e2e-" + UUID().uuidString
        usesTLS = tls
        var configuration = ApplicationConfiguration(
            dataDirectory: dataDirectory,
            tls: tls ? .developmentCertificate : .disabled,
            server: ServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 2),
            workerThreads: 8, accessLog: false, shutdownGrace: .seconds(5), announce: { _ in })
        configure(&configuration)
        application = try KlipsoApplication(configuration: configuration)
        try application.start()
    }

    var certificatePath: String { dataDirectory + "/tls/dev-cert.pem" }

    /// A connected client, TLS-verified against the development certificate when TLS is on.
    func client() throws -> TestClient {
        let client = try TestClient(port: application.port)
        if usesTLS { try client.startTLS(trusting: certificatePath) }
        return client
    }

    func stop() {
        application.shutdown()
        application.waitUntilStopped()
        try? FileManager.default.removeItem(atPath: dataDirectory)
    }
}
