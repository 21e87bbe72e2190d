@preconcurrency import Glibc

/// Where the server reports its own events (bound address, accept failures,
/// shutdown). Deliberately tiny: a closure taking a level and a line; the
/// executable can route it anywhere. Lines never contain request data or secrets.
public struct ServerLogger: Sendable {
    /// How much a line matters; `standardError` drops `debug`.
    public enum Level: String, Sendable { case debug, info, warning, error }

    public let log: @Sendable (Level, String) -> Void

    public init(_ log: @escaping @Sendable (Level, String) -> Void) { self.log = log }

    /// One line per event on standard error; debug lines are dropped.
    public static let standardError = ServerLogger { level, message in
        guard level != .debug else { return }
        let line = "[server] \(level.rawValue): \(message)\n"
        _ = line.withCString { fputs($0, stderr) }
    }

    public static let silent = ServerLogger { _, _ in }
}
