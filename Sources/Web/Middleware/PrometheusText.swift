/// Writes the Prometheus text exposition format 0.0.4.
///
/// Exists so every metric (HTTP counters, server and pool gauges) is rendered one way,
/// with label values escaped as the format requires.
public struct PrometheusText: Sendable {
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// The kind of a metric family, as written in its `# TYPE` line.
    public enum Kind: String, Sendable {
        case counter, gauge, histogram
    }

    public private(set) var text: String = ""

    public init() {
        text.reserveCapacity(4096)
    }

    /// Starts a family: its `# HELP` and `# TYPE` lines.
    public mutating func family(_ name: String, help: String, kind: Kind) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(kind.rawValue)\n"
    }

    public mutating func sample(_ name: String, labels: KeyValuePairs<String, String> = [:], _ value: Int) {
        sample(name, labels: Array(labels), value: String(value))
    }

    public mutating func sample(_ name: String, labels: [(String, String)], _ value: Int) {
        sample(name, labels: labels, value: String(value))
    }

    public mutating func sample(_ name: String, labels: [(String, String)], _ value: Double) {
        sample(name, labels: labels, value: Self.format(value))
    }

    /// One family with a single unlabelled sample.
    public mutating func single(_ name: String, help: String, kind: Kind, _ value: Int) {
        family(name, help: help, kind: kind)
        sample(name, labels: [], value: String(value))
    }

    private mutating func sample(_ name: String, labels: [(String, String)], value: String) {
        text += name
        if !labels.isEmpty {
            text += "{"
            for (index, label) in labels.enumerated() {
                if index > 0 { text += "," }
                text += label.0 + "=\"" + Self.escapeLabel(label.1) + "\""
            }
            text += "}"
        }
        text += " " + value + "\n"
    }

    static func format(_ value: Double) -> String {
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value.isNaN { return "NaN" }
        return String(value)
    }

    static func escapeLabel(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x5C || $0 == 0x22 || $0 == 0x0A }) else { return value }
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    static func escapeHelp(_ value: String) -> String {
        var escaped = ""
        for character in value {
            switch character {
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
