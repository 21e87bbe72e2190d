import Application
import Dispatch
import Foundation
import HTTPCore
import SocketServer

/// `klipso serve`: starts the HTTPS API server and runs until SIGTERM or SIGINT
/// (graceful shutdown); SIGHUP reloads the TLS certificate.
enum ServeCommand: CLICommand {
    static let name = "serve"
    static let summary = "run the API server"
    static var help: String { "usage: klipso serve [options]\n\noptions:\n" + helpText(for: ServeOptions.specs) }

    static func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        let options = try ParsedOptions(arguments: arguments, specs: ServeOptions.specs, environment: environment)
        let settings = try ServeSettings(options, environment: environment)
        let application = try KlipsoApplication(configuration: settings.applicationConfiguration())
        let signals = SignalHandlers(application: application)
        try application.start()
        application.waitUntilStopped()
        signals.cancel()
        return 0
    }
}

extension ServeSettings {
    func applicationConfiguration() -> ApplicationConfiguration {
        var limits = HTTPParserLimits()
        limits.maxBodyLength = maxBodyBytes
        limits.maxRequestTargetLength = maxTargetBytes
        limits.maxHeaderLineLength = maxHeaderLineBytes
        limits.maxHeaderCount = maxHeaderCount
        var timeouts = ServerConfiguration.Timeouts()
        timeouts.headerRead = .seconds(headerTimeout)
        timeouts.bodyRead = .seconds(bodyTimeout)
        timeouts.idle = .seconds(idleTimeout)
        timeouts.write = .seconds(writeTimeout)
        timeouts.tlsHandshake = .seconds(handshakeTimeout)
        let server = ServerConfiguration(host: host, port: port, eventLoopCount: eventLoops, limits: limits,
                                         timeouts: timeouts, maxConnections: maxConnections)
        let tls: ApplicationConfiguration.TLSMode
        if insecureHTTP {
            tls = .disabled
        } else if let tlsCertificatePath, let tlsKeyPath {
            tls = .files(certificateChain: tlsCertificatePath, privateKey: tlsKeyPath)
        } else {
            tls = .developmentCertificate
        }
        var configuration = ApplicationConfiguration(
            dataDirectory: dataDirectory, databaseURL: databaseURL, tls: tls, server: server,
            workerThreads: workers, accessLog: accessLog, shutdownGrace: .seconds(shutdownGrace),
            announce: announceOnStandardError)
        configuration.officeTimeZone = timeZone
        configuration.officeProfile = office
        configuration.corsOrigins = corsOrigins
        configuration.webhooksAllowLoopbackHTTP = webhooksAllowLoopbackHTTP
        configuration.rateLimitPerSecond = Double(rateLimit)
        configuration.rateLimitBurst = rateLimitBurst
        configuration.dataKeyBase64 = dataKeyBase64
        configuration.adminToken = adminToken
        return configuration
    }
}

/// Start-up messages go to stderr, beside the server's own log lines.
let announceOnStandardError: @Sendable (String) -> Void = { message in
    FileHandle.standardError.write(Data("klipso: \(message)\n".utf8))
}

/// SIGTERM/SIGINT begin a graceful shutdown, SIGHUP reloads certificates.
/// Dispatch sources turn signals into ordinary callbacks (no async-signal-safety traps).
final class SignalHandlers {
    private let sources: [DispatchSourceSignal]

    init(application: KlipsoApplication) {
        let queue = DispatchQueue(label: "klipso.signals")
        var sources: [DispatchSourceSignal] = []
        for number in [SIGTERM, SIGINT, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                if number == SIGHUP {
                    do {
                        try application.reloadTLS()
                        FileHandle.standardError.write(Data("klipso: reloaded the TLS certificate\n".utf8))
                    } catch {
                        FileHandle.standardError.write(Data("klipso: certificate reload failed, keeping the old one: \(error)\n".utf8))
                    }
                } else {
                    FileHandle.standardError.write(Data("klipso: shutting down\n".utf8))
                    application.shutdown()
                }
            }
            source.resume()
            sources.append(source)
        }
        self.sources = sources
    }

    func cancel() { sources.forEach { $0.cancel() } }
}
