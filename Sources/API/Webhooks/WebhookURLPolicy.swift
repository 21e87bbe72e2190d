/// Which webhook URLs and addresses KLIPSO may send to.
///
/// Why it exists: one rule for creation and delivery. `https` to a public address always;
/// plain `http` — and any loopback address — only when the operator turned on
/// `KLIPSO_WEBHOOKS_ALLOW_LOOPBACK_HTTP` (tests and local gateways); private, link-local
/// and other non-public addresses never.
public struct WebhookURLPolicy: Sendable, Hashable {
    public var allowLoopbackHTTP: Bool

    public init(allowLoopbackHTTP: Bool = false) {
        self.allowLoopbackHTTP = allowLoopbackHTTP
    }

    /// Why `text` is refused at creation, or nil when it is accepted. Host names are checked
    /// again when delivering (``permits(_:for:)``).
    public func problem(with text: String) -> String? {
        guard let url = WebhookURL(text) else {
            return "must be an absolute https URL (at most 2048 characters, no user information)"
        }
        let literal = NetworkAddressClass.of(literal: url.host) ?? (url.host == "localhost" ? .loopback : nil)
        if literal == .nonPublic { return "private and link-local addresses are refused" }
        if literal == .loopback && !allowLoopbackHTTP { return "loopback addresses are refused" }
        if !url.isHTTPS {
            guard allowLoopbackHTTP else { return "must use https" }
            guard literal == .loopback else { return "plain http is allowed only to a loopback address" }
        }
        return nil
    }

    /// Whether a delivery to `url` may connect to an address of class `addressClass`.
    public func permits(_ addressClass: NetworkAddressClass, for url: WebhookURL) -> Bool {
        switch addressClass {
        case .publicAddress: url.isHTTPS
        case .loopback: allowLoopbackHTTP
        case .nonPublic: false
        }
    }
}
