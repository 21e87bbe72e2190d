/// The parts of a webhook URL that matter for delivering to it.
///
/// Why it exists: the same parse decides what is accepted at creation (`POST /v1/webhooks`) and
/// where the delivery client connects, so the two can never disagree about the host or port.
/// Only `http`/`https` absolute URLs without user information are accepted.
public struct WebhookURL: Sendable, Hashable {
    public let isHTTPS: Bool
    /// The host without brackets (an IPv6 literal is bare here).
    public let host: String
    public let port: Int
    /// Path and query, at least `/`.
    public let target: String

    public init?(_ text: String) {
        guard text.utf8.count <= 2048, !text.contains(where: { $0.isWhitespace || !$0.isASCII }) else { return nil }
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            isHTTPS = true
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            isHTTPS = false
            rest = text.dropFirst(7)
        } else {
            return nil
        }
        let withoutFragment = rest.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
        let authorityEnd = withoutFragment.firstIndex { $0 == "/" || $0 == "?" } ?? withoutFragment.endIndex
        let authority = withoutFragment[..<authorityEnd]
        let path = withoutFragment[authorityEnd...]
        guard !authority.isEmpty, !authority.contains("@") else { return nil }
        var hostPart = authority
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            hostPart = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { return nil }
                portText = after.dropFirst()
            }
        } else if let colon = authority.lastIndex(of: ":") {
            hostPart = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !hostPart.isEmpty else { return nil }
        if let portText {
            guard let value = Int(portText), (1...65535).contains(value) else { return nil }
            port = value
        } else {
            port = isHTTPS ? 443 : 80
        }
        host = hostPart.lowercased()
        target = path.isEmpty ? "/" : (path.hasPrefix("?") ? "/" + path : String(path))
    }

    /// The `Host` header value.
    var hostHeader: String {
        let bracketed = host.contains(":") ? "[\(host)]" : host
        return port == (isHTTPS ? 443 : 80) ? bracketed : "\(bracketed):\(port)"
    }
}
