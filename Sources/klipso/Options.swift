import Foundation

/// One configurable setting of a command: a `--flag`, its environment variable,
/// and help text. Flags win over the environment, the environment over defaults.
struct OptionSpec: Sendable {
    let flag: String
    let environment: String?
    let valueName: String?
    let help: String

    /// A flag that takes a value, e.g. `--port 8443`.
    init(_ flag: String, env: String? = nil, value: String = "VALUE", help: String) {
        self.flag = flag
        self.environment = env
        self.valueName = value
        self.help = help
    }

    /// A switch without a value, e.g. `--insecure-http`.
    init(switch flag: String, env: String? = nil, help: String) {
        self.flag = flag
        self.environment = env
        self.valueName = nil
        self.help = help
    }

    var takesValue: Bool { valueName != nil }
}

/// A command-line problem, reported with usage before anything runs (exit 64, EX_USAGE).
struct UsageError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Flags and environment resolved against a command's option list.
///
/// Unknown flags and missing values are rejected up front so that a typo never
/// silently starts a server with defaults.
struct ParsedOptions: Sendable {
    private var values: [String: String] = [:]
    private var switches: Set<String> = []
    private let specs: [String: OptionSpec]
    private let environment: [String: String]

    init(arguments: [String], specs: [OptionSpec], environment: [String: String]) throws(UsageError) {
        self.specs = Dictionary(uniqueKeysWithValues: specs.map { ($0.flag, $0) })
        self.environment = environment
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            guard argument.hasPrefix("--") else { throw UsageError("unexpected argument '\(argument)'") }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let spec = self.specs[name] else { throw UsageError("unknown option '--\(name)'") }
            if spec.takesValue {
                if let inlineValue {
                    values[name] = inlineValue
                } else {
                    guard index < arguments.count else { throw UsageError("option '--\(name)' needs a value") }
                    values[name] = arguments[index]
                    index += 1
                }
            } else {
                guard inlineValue == nil else { throw UsageError("option '--\(name)' takes no value") }
                switches.insert(name)
            }
        }
    }

    /// The flag's value, else its environment variable's (empty counts as unset).
    func string(_ flag: String) -> String? {
        if let value = values[flag] { return value }
        if let env = specs[flag]?.environment, let value = environment[env], !value.isEmpty { return value }
        return nil
    }

    func string(_ flag: String, default fallback: String) -> String { string(flag) ?? fallback }

    func int(_ flag: String, default fallback: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = string(flag) else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw UsageError("--\(flag) must be a whole number from \(range.lowerBound) to \(range.upperBound), got '\(text)'")
        }
        return value
    }

    /// A duration in seconds (fractions allowed), e.g. `--idle-timeout 15` or `0.5`.
    func seconds(_ flag: String, default fallback: Double) throws(UsageError) -> Double {
        guard let text = string(flag) else { return fallback }
        guard let value = Double(text), value > 0, value <= 86_400 else {
            throw UsageError("--\(flag) must be a number of seconds above 0, got '\(text)'")
        }
        return value
    }

    func flag(_ name: String) throws(UsageError) -> Bool {
        if switches.contains(name) { return true }
        guard let env = specs[name]?.environment, let value = environment[env], !value.isEmpty else { return false }
        switch value.lowercased() {
        case "1", "true", "yes", "on": return true
        case "0", "false", "no", "off": return false
        default: throw UsageError("\(env) must be true or false, got '\(value)'")
        }
    }
}

/// Renders a command's options as help text.
func helpText(for specs: [OptionSpec]) -> String {
    specs.map { spec in
        var left = "  --\(spec.flag)"
        if let valueName = spec.valueName { left += " \(valueName)" }
        let padded = left.count < 32 ? left + String(repeating: " ", count: 32 - left.count) : left + "\n" + String(repeating: " ", count: 32)
        var line = padded + spec.help
        if let env = spec.environment { line += " [env: \(env)]" }
        return line
    }.joined(separator: "\n")
}
