import Foundation

/// A sub-command of `klipso`: a name, a one-line summary, help text, and a run
/// that returns the process exit status.
protocol CLICommand: Sendable {
    static var name: String { get }
    static var summary: String { get }
    static var help: String { get }
    static func run(arguments: [String], environment: [String: String]) throws -> Int32
}

/// Every sub-command, in the order `klipso --help` lists them.
enum CLICommands {
    static let all: [any CLICommand.Type] = [ServeCommand.self, MigrateCommand.self, AuditCommand.self, VersionCommand.self]
}

enum ProcessInfoEnvironment {
    static var current: [String: String] { ProcessInfo.processInfo.environment }
}

/// The release this binary was built from.
enum KlipsoVersion {
    static let number = "0.1.0"
    static var string: String { "klipso \(number)" }
}

/// `klipso version`.
enum VersionCommand: CLICommand {
    static let name = "version"
    static let summary = "print the version"
    static let help = "usage: klipso version"

    static func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        guard arguments.isEmpty else { throw UsageError("'version' takes no options") }
        print(KlipsoVersion.string)
        return 0
    }
}
