import Domain
import Foundation

/// `klipso serve`'s settings after parsing and validation: every value checked
/// before anything binds a port or touches the data directory.
struct ServeSettings: Sendable {
    var host: String
    var port: Int
    var dataDirectory: String
    var databaseURL: String?
    var tlsCertificatePath: String?
    var tlsKeyPath: String?
    var insecureHTTP: Bool
    var eventLoops: Int
    var workers: Int
    var maxConnections: Int
    var maxBodyBytes: Int
    var maxTargetBytes: Int
    var maxHeaderLineBytes: Int
    var maxHeaderCount: Int
    var headerTimeout: Double
    var bodyTimeout: Double
    var idleTimeout: Double
    var writeTimeout: Double
    var handshakeTimeout: Double
    var shutdownGrace: Double
    var accessLog: Bool
    var timeZone: OfficeTimeZone
    var office: OfficeProfile
    var corsOrigins: [String]
    var webhooksAllowLoopbackHTTP: Bool
    var rateLimit: Int
    var rateLimitBurst: Int
    /// Secrets come from the environment only, never from flags (which `ps` shows).
    var dataKeyBase64: String?
    var adminToken: String?

    /// The office's own names and settings (replicability: another regency runs the same binary).
    static func officeProfile(_ options: ParsedOptions, zone: OfficeTimeZone) throws(UsageError) -> OfficeProfile {
        let defaults = OfficeProfile.default
        var labels = defaults.deskLabels
        if let list = options.string("desk-labels") {
            for entry in list.split(separator: ";") where !entry.trimmingCharacters(in: .whitespaces).isEmpty {
                let parts = entry.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let desk = ReferralDesk(rawValue: parts[0]), !parts[1].isEmpty else {
                    throw UsageError("--desk-labels entries are desk=label with desk one of front_office_counter, complaints_desk; got '\(entry)'")
                }
                labels[desk] = parts[1]
            }
        }
        do {
            return try OfficeProfile(officeName: options.string("office-name", default: defaults.officeName),
                                     regency: options.string("regency", default: defaults.regency),
                                     timeZone: zone, queuePrefix: options.string("queue-prefix", default: defaults.queuePrefix),
                                     deskLabels: labels)
        } catch {
            throw UsageError("--queue-prefix must be 1 to 8 capital letters A-Z")
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    init(_ options: ParsedOptions, environment: [String: String]) throws(UsageError) {
        host = options.string("host", default: "::")
        port = try options.int("port", default: 8443, range: 0...65535)
        dataDirectory = options.string("data-dir", default: "./klipso-data")
        databaseURL = options.string("database")
        tlsCertificatePath = options.string("tls-cert")
        tlsKeyPath = options.string("tls-key")
        insecureHTTP = try options.flag("insecure-http")
        eventLoops = try options.int("threads", default: ProcessInfo.processInfo.activeProcessorCount, range: 1...256)
        workers = try options.int("workers", default: 32, range: 1...1024)
        maxConnections = try options.int("max-connections", default: 16_384, range: 1...1_000_000)
        maxBodyBytes = try options.int("max-body-bytes", default: 1 << 20, range: 0...(1 << 30))
        maxTargetBytes = try options.int("max-target-bytes", default: 8192, range: 16...(1 << 20))
        maxHeaderLineBytes = try options.int("max-header-line-bytes", default: 8192, range: 64...(1 << 20))
        maxHeaderCount = try options.int("max-header-count", default: 100, range: 1...10_000)
        headerTimeout = try options.seconds("header-timeout", default: 10)
        bodyTimeout = try options.seconds("body-timeout", default: 30)
        idleTimeout = try options.seconds("idle-timeout", default: 15)
        writeTimeout = try options.seconds("write-timeout", default: 30)
        handshakeTimeout = try options.seconds("handshake-timeout", default: 10)
        shutdownGrace = try options.seconds("shutdown-grace", default: 10)
        accessLog = !(try options.flag("no-access-log"))
        let zoneName = options.string("time-zone", default: "Asia/Jakarta")
        guard let zone = OfficeTimeZone(identifier: zoneName) else {
            throw UsageError("--time-zone '\(zoneName)' is not a known time zone (e.g. Asia/Jakarta, Asia/Makassar)")
        }
        timeZone = zone
        office = try Self.officeProfile(options, zone: zone)
        corsOrigins = (options.string("cors-origins") ?? "").split(separator: ",")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for origin in corsOrigins where origin != "*" && !(origin.hasPrefix("https://") || origin.hasPrefix("http://")) {
            throw UsageError("--cors-origins entries are origins like https://app.example.go.id, got '\(origin)'")
        }
        webhooksAllowLoopbackHTTP = try options.flag("webhooks-allow-loopback-http")
        rateLimit = try options.int("rate-limit", default: 50, range: 0...1_000_000)
        rateLimitBurst = try options.int("rate-limit-burst", default: 200, range: 1...10_000_000)
        dataKeyBase64 = environment["KLIPSO_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        adminToken = environment["KLIPSO_ADMIN_TOKEN"].flatMap { $0.isEmpty ? nil : $0 }

        guard !host.isEmpty else { throw UsageError("--host must not be empty") }
        guard !dataDirectory.isEmpty else { throw UsageError("--data-dir must not be empty") }
        if (tlsCertificatePath == nil) != (tlsKeyPath == nil) {
            throw UsageError("--tls-cert and --tls-key go together: give both or neither")
        }
        if insecureHTTP && tlsCertificatePath != nil {
            throw UsageError("--insecure-http and --tls-cert exclude each other")
        }
        // Plain HTTP exists only for a TLS-terminating proxy on the same machine:
        // never let it listen where the network can reach it.
        if insecureHTTP && !Self.isLoopback(host) {
            throw UsageError("--insecure-http listens on loopback only (127.0.0.1, ::1 or localhost); add --host 127.0.0.1")
        }
    }
}
