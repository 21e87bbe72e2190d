import Foundation

/// Sends one webhook delivery: a signed `POST` over HTTP/1.1 (TLS for `https`), reading only
/// the status line of the answer.
///
/// Why it exists: KLIPSO uses no outside packages, and a delivery needs little — connect to a
/// vetted address, write one request, read one status code — with hard time limits: `connect`
/// within `connectTimeout`, the whole answer within `responseTimeout`.
public struct WebhookHTTPClient: Sendable {
    public var policy: WebhookURLPolicy
    public var connectTimeout: Double
    public var responseTimeout: Double

    public init(policy: WebhookURLPolicy, connectTimeout: Double = 5, responseTimeout: Double = 10) {
        self.policy = policy
        self.connectTimeout = connectTimeout
        self.responseTimeout = responseTimeout
    }

    /// POSTs `body` to `urlText` with `headers`; returns the status code.
    public func post(_ urlText: String, headers: [(String, String)], body: [UInt8]) throws(DeliveryError) -> Int {
        guard let url = WebhookURL(urlText) else { throw DeliveryError("the webhook URL is not valid") }
        let policy = self.policy
        let socket = try DeliverySocket(host: url.host, port: url.port, timeout: connectTimeout) {
            policy.permits($0, for: url)
        }
        socket.setTimeout(responseTimeout)
        var head = "POST \(url.target) HTTP/1.1\r\nHost: \(url.hostHeader)\r\nUser-Agent: KLIPSO-Webhooks/1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        head += "Content-Length: \(body.count)\r\nConnection: close\r\n\r\n"
        let request = Array(head.utf8) + body
        let deadline = Date().addingTimeInterval(responseTimeout)
        if url.isHTTPS {
            let tls = try DeliveryTLS(socket: socket, host: url.host)
            try tls.sendAll(request)
            return try Self.readStatus(deadline: deadline) { () throws(DeliveryError) in try tls.receive() }
        }
        try socket.sendAll(request)
        return try Self.readStatus(deadline: deadline) { () throws(DeliveryError) in try socket.receive() }
    }

    /// Reads until the status line is complete: `HTTP/1.x NNN …`.
    static func readStatus(deadline: Date, receive: () throws(DeliveryError) -> [UInt8]) throws(DeliveryError) -> Int {
        var received: [UInt8] = []
        while !received.contains(UInt8(ascii: "\n")) {
            guard Date() < deadline else { throw DeliveryError("timed out waiting for the answer") }
            let chunk = try receive()
            guard !chunk.isEmpty else { throw DeliveryError("the receiver closed the connection without answering") }
            received += chunk
            guard received.count < 8192 else { break }
        }
        let line = String(decoding: received.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let parts = line.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), parts[1].count == 3, let code = Int(parts[1]),
              (100...599).contains(code) else {
            throw DeliveryError("the receiver did not answer with HTTP/1.1")
        }
        return code
    }
}
