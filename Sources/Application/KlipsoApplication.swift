import API
import Cryptography
import Domain
import Foundation
import HTTPCore
import SocketServer
import Storage
import TLSTransport
import Web

/// The composition root: turns one `ApplicationConfiguration` into a running
/// service (TLS context, routes, middleware, server) and owns its lifecycle.
/// Nothing else wires layers together, so tests run exactly what production runs.
public final class KlipsoApplication: Sendable {
    public let configuration: ApplicationConfiguration
    /// The database, migrated; closed by `waitUntilStopped()`.
    public let store: KlipsoStore
    /// What the API handlers run with (clock, services, password cost).
    public let services: APIServices
    /// Keys protecting personal data (NIK encryption and lookup hashes).
    public let personalDataKeys: PersonalDataKeys
    /// Webhook delivery and the live queue's poller; started and stopped with the server.
    public let events: EventServices
    private let server: HTTPServer
    private let responder: RouterResponder

    /// Opens (and migrates) the database, resolves the data key, creates the first admin on an
    /// empty database, and builds the server. Nothing listens until `start()`.
    public init(configuration: ApplicationConfiguration) throws {
        self.configuration = configuration
        try DataDirectory.prepare(configuration.dataDirectory)
        personalDataKeys = try PersonalDataKeys(master: DataKey.resolve(
            environmentValue: configuration.dataKeyBase64, dataDirectory: configuration.dataDirectory))
        store = try Self.openStore(configuration)
        let ids = TimeOrderedIdentifierGenerator()
        do {
            services = APIServices(
                store: store, clock: OfficeClock(zone: configuration.officeTimeZone, wallClock: configuration.wallClock),
                passwordHasher: PasswordHasher(cost: configuration.passwordCost),
                personalDataKeys: personalDataKeys, ids: ids,
                tokenLifetime: configuration.tokenLifetime, loginFailureLimit: configuration.loginFailureLimit,
                officeProfile: configuration.officeProfile)
            try AdminBootstrap.run(store: store, configuration: configuration, ids: ids)
        } catch {
            store.close()
            throw error
        }

        var serverConfiguration = configuration.server
        serverConfiguration.tls = try Self.makeTLSContext(configuration)
        let errors = ErrorResponder()
        serverConfiguration.parseErrorResponse = { status, reason in
            ProblemResponses.parserError(status: status, reason: reason, typeBase: errors.typeBase)
        }

        // Middleware, outermost first: every response gets a request id and is counted and
        // logged; CORS sits outside everything that may answer early (429, 401) so pages can
        // read those answers; rate limiting runs before the bearer lookup (no database work
        // for a throttled request); idempotency needs the authenticated principal.
        let metrics = HTTPMetrics()
        let serverMetrics = ServerMetrics()
        var router = Router()
        router.add(middleware: RequestIDMiddleware())
        router.add(middleware: MetricsMiddleware(metrics: metrics))
        router.add(middleware: AccessLogMiddleware(isEnabled: configuration.accessLog))
        router.add(middleware: CORSMiddleware(policy: .init(allowedOrigins: configuration.corsOrigins)))
        router.add(middleware: CompressionMiddleware())
        if configuration.rateLimitPerSecond > 0 {
            router.add(middleware: RateLimitMiddleware(policy: .init(
                requestsPerSecond: configuration.rateLimitPerSecond, burst: configuration.rateLimitBurst,
                limitsLoopback: configuration.rateLimitsLoopback)))
        }
        let store = self.store
        HealthRoutes.install(into: &router, readiness: { store.isReachable() })
        APIRoutes.install(into: &router, services: services)
        router.add(middleware: IdempotencyMiddleware(services: services, personalDataKeys: personalDataKeys))
        MetricsRoutes.install(into: &router, metrics: metrics, gauges: { text in
            serverMetrics.render(into: &text)
            Self.renderWebhookBacklog(store, into: &text)
        })
        var eventConfiguration = configuration.events
        eventConfiguration.webhooksAllowLoopbackHTTP = configuration.webhooksAllowLoopbackHTTP
        events = EventServices(services: services, configuration: eventConfiguration)
        events.install(into: &router)

        var routerConfiguration = RouterResponder.Configuration()
        routerConfiguration.workerThreads = configuration.workerThreads
        routerConfiguration.errors = errors
        responder = router.makeResponder(configuration: routerConfiguration)
        server = HTTPServer(configuration: serverConfiguration, responder: responder)
        serverMetrics.bind(server: server, responder: responder, workerThreads: configuration.workerThreads)
    }

    private static func openStore(_ configuration: ApplicationConfiguration) throws -> KlipsoStore {
        do {
            return try KlipsoStore.open(url: configuration.resolvedDatabaseURL)
        } catch let error as StoreError where error.code == .schemaTooNew {
            throw ApplicationError("the database schema is newer than this klipso supports "
                + "(\(KlipsoSchema.currentVersion)); upgrade klipso: \(error.message)")
        }
    }

    /// Binds and starts serving; returns once the listener accepts connections.
    public func start() throws {
        try server.start()
        try events.start()
        let scheme = configuration.tls == .disabled ? "http" : "https"
        configuration.announce("listening on \(scheme)://\(Self.displayHost(configuration.server.host)):\(server.port)")
        if configuration.tls == .developmentCertificate {
            let certificate = (configuration.dataDirectory as NSString).appendingPathComponent("tls/dev-cert.pem")
            configuration.announce("try: curl --cacert \(certificate) https://localhost:\(server.port)/health")
        }
    }

    /// The bound port (useful with port 0).
    public var port: Int { server.port }

    /// Connection and request counters from the socket server.
    public var serverStatistics: ServerStatistics { server.statistics }

    /// Stops accepting, lets in-flight requests finish within the grace period, then stops.
    public func shutdown() {
        events.stop()
        server.shutdown(gracePeriod: configuration.shutdownGrace)
    }

    /// Returns when the server has stopped and the worker pool has drained.
    public func waitUntilStopped() {
        server.waitUntilStopped()
        responder.shutdown(timeout: configuration.shutdownGrace)
        events.stop()
        store.close()
    }

    /// Webhook deliveries by status: `pending` is the backlog an operator alerts on.
    private static func renderWebhookBacklog(_ store: KlipsoStore, into text: inout PrometheusText) {
        guard let counts = try? store.read({ try $0.webhookDeliveries.countsByStatus() }) else { return }
        text.family("klipso_webhook_deliveries", help: "Webhook deliveries by status (pending is the backlog).", kind: .gauge)
        for status in ["pending", "delivered", "failed"] {
            text.sample("klipso_webhook_deliveries", labels: [("status", status)], counts[status] ?? 0)
        }
    }

    /// Re-reads the certificate files (SIGHUP); open connections are not dropped.
    public func reloadTLS() throws {
        try server.reloadTLS()
    }

    private static func makeTLSContext(_ configuration: ApplicationConfiguration) throws -> TLSContext? {
        switch configuration.tls {
        case .disabled:
            return nil
        case .files(let chain, let key):
            return try TLSContext(configuration: TLSConfiguration(certificateChainPath: chain, privateKeyPath: key))
        case .developmentCertificate:
            let directory = (configuration.dataDirectory as NSString).appendingPathComponent("tls")
            let (tls, created) = try DevelopmentCertificate.ensure(in: directory)
            if created {
                configuration.announce("generated a development certificate: \(tls.certificateChainPath)")
            } else {
                configuration.announce("using the development certificate \(tls.certificateChainPath)")
            }
            return try TLSContext(configuration: tls)
        }
    }

    private static func displayHost(_ host: String) -> String {
        host.contains(":") ? "[\(host)]" : host
    }
}
