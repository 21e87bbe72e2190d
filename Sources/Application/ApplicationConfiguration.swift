import API
import Cryptography
import Domain
import Foundation
import HTTPCore
import SocketServer

/// Everything the running service is configured with. The executable fills it
/// from flags and the environment; tests fill it directly (port 0, temp dirs).
public struct ApplicationConfiguration: Sendable {
    /// Where the certificate comes from.
    public enum TLSMode: Sendable, Equatable {
        /// A self-signed certificate generated into `<data-dir>/tls/` on first start.
        case developmentCertificate
        /// PEM files given by the operator; reloaded on `reloadTLS()` (SIGHUP).
        case files(certificateChain: String, privateKey: String)
        /// Plain HTTP, for a TLS-terminating proxy on loopback only.
        case disabled
    }

    public var dataDirectory: String
    /// `sqlite:///path`, a file path, or `postgresql://…`; nil means `<data-dir>/klipso.sqlite`.
    public var databaseURL: String?
    /// The value of `KLIPSO_DATA_KEY` (base64 of 32 bytes); nil or empty means the key file in
    /// the data directory, created on first start.
    public var dataKeyBase64: String?
    /// The value of `KLIPSO_ADMIN_TOKEN`: the first admin's token on first start. When nil a
    /// token is generated, announced once and written to `<data-dir>/admin-token` (0600).
    public var adminToken: String?
    /// The zone of the office's days ("today", tenures, assignment periods).
    public var officeTimeZone: OfficeTimeZone = .jakarta
    /// The office's names, queue prefix and desk labels (its time zone is `officeTimeZone`).
    public var officeProfile: OfficeProfile = .default
    /// How long a staff token from `POST /v1/auth/token` is accepted.
    public var tokenLifetime: TimeInterval = 12 * 3600
    /// Password hashing cost for new hashes; tests pass a cheap one.
    public var passwordCost: ScryptCost = PasswordHasher.currentCost
    /// Failed logins allowed per client address and per username in one minute.
    public var loginFailureLimit: Int = 10
    /// `KLIPSO_WEBHOOKS_ALLOW_LOOPBACK_HTTP`: webhooks may use plain `http` to loopback addresses.
    public var webhooksAllowLoopbackHTTP = false
    /// Webhook delivery and live-queue polling (intervals, threads, retry policy).
    public var events = EventConfiguration()
    /// The source of "now" for every rule; tests inject a `ManualWallClock`.
    public var wallClock: any WallClock = SystemWallClock()
    public var tls: TLSMode
    /// Listener, limits, timeouts and connection cap (its `tls` is set by the application).
    public var server: ServerConfiguration
    /// Threads that run blocking request work (database calls).
    public var workerThreads: Int
    public var accessLog: Bool
    /// Time in-flight requests get to finish on shutdown.
    public var shutdownGrace: Duration
    /// Browser origins allowed by CORS (`KLIPSO_CORS_ORIGINS`, comma-separated); empty means
    /// no CORS headers at all. `*` allows any origin.
    public var corsOrigins: [String] = []
    /// Sustained requests per second allowed per credential (or per address without one);
    /// 0 or less turns per-credential limiting off. Per instance, in memory.
    public var rateLimitPerSecond: Double = 50
    /// Requests a credential may send at once after being idle.
    public var rateLimitBurst: Int = 200
    /// Whether loopback clients are limited too (off: local load tests and a local
    /// TLS-terminating proxy are not throttled; turn it on behind such a proxy).
    public var rateLimitsLoopback: Bool = false
    /// Where start-up announcements go (the development certificate's path, the listening address).
    public var announce: @Sendable (String) -> Void

    public init(dataDirectory: String, databaseURL: String? = nil, tls: TLSMode = .developmentCertificate,
                server: ServerConfiguration = ServerConfiguration(), workerThreads: Int = 32,
                accessLog: Bool = true, shutdownGrace: Duration = .seconds(10),
                announce: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.dataKeyBase64 = nil
        self.adminToken = nil
        self.tls = tls
        self.server = server
        self.workerThreads = workerThreads
        self.accessLog = accessLog
        self.shutdownGrace = shutdownGrace
        self.announce = announce
    }

    /// The database URL actually used: the configured one, or the SQLite file in the data directory.
    public var resolvedDatabaseURL: String {
        if let databaseURL, !databaseURL.isEmpty { return databaseURL }
        return (dataDirectory as NSString).appendingPathComponent("klipso.sqlite")
    }
}
