import Application
import Foundation

/// The configuration maintenance commands share with `serve`: the same data
/// directory and database, from the same flags and environment variables.
private func storageConfiguration(_ arguments: [String], _ environment: [String: String]) throws -> ApplicationConfiguration {
    let options = try ParsedOptions(arguments: arguments, specs: ServeOptions.storage, environment: environment)
    let dataDirectory = options.string("data-dir", default: "./klipso-data")
    guard !dataDirectory.isEmpty else { throw UsageError("--data-dir must not be empty") }
    var configuration = ApplicationConfiguration(dataDirectory: dataDirectory, databaseURL: options.string("database"),
                                                 announce: announceOnStandardError)
    configuration.dataKeyBase64 = environment["KLIPSO_DATA_KEY"].flatMap { $0.isEmpty ? nil : $0 }
    return configuration
}

/// `klipso migrate`: applies pending schema migrations and exits, so an operator
/// can upgrade the database before rolling out new instances.
enum MigrateCommand: CLICommand {
    static let name = "migrate"
    static let summary = "apply pending database migrations"
    static var help: String { "usage: klipso migrate [options]\n\noptions:\n" + helpText(for: ServeOptions.storage) }

    static func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        let configuration = try storageConfiguration(arguments, environment)
        let applied = try KlipsoApplication.migrate(configuration: configuration)
        print(applied.isEmpty ? "schema is up to date" : "applied migrations \(applied.map(String.init).joined(separator: ", "))")
        return 0
    }
}

/// `klipso audit verify`: walks the audit hash chain and names the first broken
/// event, so silent edits or deletions of the audit trail are detected.
enum AuditCommand: CLICommand {
    static let name = "audit"
    static let summary = "audit trail tools: 'audit verify' checks the hash chain"
    static var help: String { "usage: klipso audit verify [options]\n\noptions:\n" + helpText(for: ServeOptions.storage) }

    static func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        guard arguments.first == "verify" else { throw UsageError("expected 'audit verify'") }
        let configuration = try storageConfiguration(Array(arguments.dropFirst()), environment)
        let result = try KlipsoApplication.verifyAudit(configuration: configuration)
        print(result.description)
        return result.isIntact ? 0 : 2
    }
}
