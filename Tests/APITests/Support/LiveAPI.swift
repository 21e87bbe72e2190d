import Application
import TestPostgres
import Cryptography
import Database
import Domain
import Foundation
import HTTPTestClient
import SocketServer
import Testing

/// The backends the API suite runs against: SQLite always, PostgreSQL when
/// `KLIPSO_TEST_POSTGRES_URL` is set (see `.ci/start-postgres.sh`).
enum APIBackend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    static let postgresURL = TestPostgres.url
    static let available: [APIBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]

    var testDescription: String { rawValue }
}

/// The real application started in-process on an ephemeral loopback port over verified TLS,
/// with a fresh database (a SQLite file, or a PostgreSQL schema of its own), a manual clock
/// and a cheap password cost, exactly as `klipso serve` wires it otherwise.
final class LiveAPI {
    static let adminToken = "test-admin-token-0123456789abcdef"
    static let start = ISO8601DateFormatter().date(from: "2026-12-03T03:00:30Z")!  // 10:00:30 WIB

    let application: KlipsoApplication
    let dataDirectory: String
    let clock: ManualWallClock
    private let dropSchema: (() -> Void)?

    init(_ backend: APIBackend = .sqlite, dataDirectory: String? = nil, keepData: Bool = false,
         configure: (inout ApplicationConfiguration) -> Void = { $0.adminToken = LiveAPI.adminToken }) throws {
        self.dataDirectory = dataDirectory ?? NSTemporaryDirectory() + "klipso-api-" + UUID().uuidString
        clock = ManualWallClock(Self.start)
        var configuration = ApplicationConfiguration(
            dataDirectory: self.dataDirectory, tls: .developmentCertificate,
            server: ServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 1),
            workerThreads: 4, accessLog: false, shutdownGrace: .seconds(5), announce: { _ in })
        configuration.passwordCost = ScryptCost(logN: 4, blockSize: 1, parallelism: 1)!
        configuration.wallClock = clock
        var dropSchema: (() -> Void)?
        if backend == .postgres {
            let baseURL = try #require(APIBackend.postgresURL)
            let schema = "kapi_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
            let admin = try DatabasePool.open(url: baseURL)
            try admin.withConnection { try $0.execute("CREATE SCHEMA \(schema)") }
            dropSchema = {
                _ = try? admin.withConnection { try $0.execute("DROP SCHEMA \(schema) CASCADE") }
                admin.close()
            }
            configuration.databaseURL = baseURL + (baseURL.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        }
        configure(&configuration)
        self.dropSchema = dropSchema
        do {
            application = try KlipsoApplication(configuration: configuration)
            try application.start()
        } catch {
            dropSchema?()
            throw error
        }
        removeData = !keepData
    }

    private var removeData = true

    /// A fresh TLS connection verified against the development certificate.
    func client() throws -> TestClient {
        let client = try TestClient(port: application.port)
        _ = try client.startTLS(trusting: dataDirectory + "/tls/dev-cert.pem")
        return client
    }

    /// One JSON request on a new connection.
    @discardableResult
    func call(_ method: String, _ path: String, _ body: Any? = nil, token: String? = LiveAPI.adminToken,
              headers: [(String, String)] = []) throws -> TestResponse {
        try client().json(method, path, body, token: token, headers: headers)
    }

    func stop() {
        application.shutdown()
        application.waitUntilStopped()
        dropSchema?()
        if removeData { try? FileManager.default.removeItem(atPath: dataDirectory) }
    }
}

extension TestResponse {
    /// The body as a JSON object, or an empty object (recording an issue) when it is not one.
    var object: [String: Any] {
        do { return try jsonObject() } catch {
            Issue.record("not a JSON object (status \(status)): \(text.prefix(300))")
            return [:]
        }
    }

    var items: [[String: Any]] { object["items"] as? [[String: Any]] ?? [] }

    /// The `field` members of a problem's `errors`.
    var errorFields: [String] {
        (object["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
    }
}
