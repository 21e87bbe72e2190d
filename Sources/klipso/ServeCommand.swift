import Foundation

/// `klipso serve`: starts the HTTPS API server.
enum ServeCommand: CLICommand {
    static let name = "serve"
    static let summary = "run the API server"
    static var help: String { "usage: klipso serve [options]\n\noptions:\n" + helpText(for: ServeOptions.specs) }

    static func run(arguments: [String], environment: [String: String]) throws -> Int32 {
        let options = try ParsedOptions(arguments: arguments, specs: ServeOptions.specs, environment: environment)
        let settings = try ServeSettings(options)
        print("would serve on \(settings.host):\(settings.port)")
        return 0
    }
}
