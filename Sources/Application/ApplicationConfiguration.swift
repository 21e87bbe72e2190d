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
    public var databaseURL: String?
    public var tls: TLSMode
    /// Listener, limits, timeouts and connection cap (its `tls` is set by the application).
    public var server: ServerConfiguration
    /// Threads that run blocking request work (database calls).
    public var workerThreads: Int
    public var accessLog: Bool
    /// Time in-flight requests get to finish on shutdown.
    public var shutdownGrace: Duration
    /// Where start-up announcements go (the development certificate's path, the listening address).
    public var announce: @Sendable (String) -> Void

    public init(dataDirectory: String, databaseURL: String? = nil, tls: TLSMode = .developmentCertificate,
                server: ServerConfiguration = ServerConfiguration(), workerThreads: Int = 32,
                accessLog: Bool = true, shutdownGrace: Duration = .seconds(10),
                announce: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.dataDirectory = dataDirectory
        self.databaseURL = databaseURL
        self.tls = tls
        self.server = server
        self.workerThreads = workerThreads
        self.accessLog = accessLog
        self.shutdownGrace = shutdownGrace
        self.announce = announce
    }
}
