@preconcurrency import Glibc
import COpenSSL
import CSystemShim
import Foundation

/// A test expectation that failed inside the client (connection, framing, timeout).
public struct TestFailure: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// A parsed response as the test client saw it.
public struct TestResponse {
    public var status: Int
    public var headers: [(String, String)]
    public var body: [UInt8]

    public func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    public var text: String { String(decoding: body, as: UTF8.self) }
}

/// Tests of every layer talk to a real server over a real socket, so they share
/// this client rather than each writing one.
///
/// A small blocking HTTP/1.1 client over a real socket (optionally TLS via
/// OpenSSL on the same blocking socket). Every read is bounded by a receive
/// timeout, so a test can never hang on it.
public final class TestClient {
    public let fd: Int32
    private var buffer: [UInt8] = []
    private var ssl: OpaquePointer?
    private var sslContext: OpaquePointer?
    public private(set) var peerClosed = false

    public init(host: String = "127.0.0.1", port: Int, timeout: Double = 5) throws {
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        setTimeout(timeout)
        var result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) } }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        }
        if result != 0 {
            let code = errno
            Glibc.close(fd)
            throw TestFailure("connect to \(host):\(port): errno \(code)")
        }
    }

    deinit {
        if let ssl { SSL_free(ssl) }
        if let sslContext { SSL_CTX_free(sslContext) }
        Glibc.close(fd)
    }

    public func setTimeout(_ seconds: Double) {
        var time = timeval(tv_sec: Int(seconds), tv_usec: Int((seconds - Double(Int(seconds))) * 1_000_000))
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &time, socklen_t(MemoryLayout<timeval>.size))
    }

    /// Performs a TLS handshake trusting `caPath`; returns the negotiated ALPN protocol.
    @discardableResult
    public func startTLS(trusting caPath: String, alpn: [String] = ["http/1.1"]) throws -> String? {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw TestFailure("SSL_CTX_new") }
        sslContext = context
        guard SSL_CTX_load_verify_locations(context, caPath, nil) == 1 else { throw TestFailure("cannot load \(caPath)") }
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        let ssl = SSL_new(context)!
        self.ssl = ssl
        SSL_set_fd(ssl, fd)
        _ = klipso_SSL_set_tlsext_host_name(ssl, "localhost")
        _ = SSL_set1_host(ssl, "localhost")
        let wire = alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
        _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
        ERR_clear_error()
        guard SSL_connect(ssl) == 1 else { throw TestFailure("SSL_connect failed: \(SSL_get_error(ssl, -1)) \(ERR_get_error())") }
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// The PEM of the certificate the server presented (TLS only).
    public func peerCertificateDER() -> [UInt8]? {
        guard let ssl, let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        var pointer: UnsafeMutablePointer<UInt8>?
        let length = i2d_X509(certificate, &pointer)
        guard length > 0, let pointer else { return nil }
        defer { klipso_OPENSSL_free(pointer) }
        return Array(UnsafeBufferPointer(start: pointer, count: Int(length)))
    }

    public func send(_ text: String) throws { try send(Array(text.utf8)) }

    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent: Int = bytes.withUnsafeBytes { raw in
                if let ssl { return Int(SSL_write(ssl, raw.baseAddress! + offset, Int32(raw.count - offset))) }
                return Glibc.send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            guard sent > 0 else { throw TestFailure("send failed: errno \(errno)") }
            offset += sent
        }
    }

    /// Reads more bytes into the buffer; false on EOF, reset or timeout.
    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count: Int = chunk.withUnsafeMutableBytes { raw in
            if let ssl { return Int(SSL_read(ssl, raw.baseAddress, Int32(raw.count))) }
            return Glibc.read(fd, raw.baseAddress, raw.count)
        }
        guard count > 0 else {
            if count == 0 || (errno != EAGAIN && errno != EWOULDBLOCK) || ssl != nil { peerClosed = true }
            return false
        }
        buffer += chunk[0..<count]
        return true
    }

    /// Reads one complete response (interim 1xx responses are returned too).
    public func readResponse(forHead: Bool = false) throws -> TestResponse {
        var headEnd: Int?
        while headEnd == nil {
            headEnd = Self.find([13, 10, 13, 10], in: buffer)
            if headEnd == nil && !fill() { throw TestFailure("no complete head (closed: \(peerClosed), have \(buffer.count) bytes: \(String(decoding: buffer.prefix(200), as: UTF8.self)))") }
        }
        let headText = String(decoding: buffer[0..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, statusLine[0] == "HTTP/1.1", let status = Int(statusLine[1]) else { throw TestFailure("bad status line \(headText)") }
        let headers = lines.map { line -> (String, String) in
            let parts = line.split(separator: ":", maxSplits: 1)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespaces) : "")
        }
        var response = TestResponse(status: status, headers: headers, body: [])
        if forHead || status < 200 || status == 204 || status == 304 { return response }
        if response.header("Transfer-Encoding")?.lowercased() == "chunked" {
            response.body = try readChunkedBody()
        } else if let length = response.header("Content-Length").flatMap(Int.init) {
            while buffer.count < length { guard fill() else { throw TestFailure("body cut short: \(buffer.count)/\(length)") } }
            response.body = Array(buffer[0..<length])
            buffer.removeFirst(length)
        } else {
            while fill() {}
            response.body = buffer
            buffer = []
        }
        return response
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            var lineEnd = Self.find([13, 10], in: buffer)
            while lineEnd == nil { guard fill() else { throw TestFailure("chunk size cut short") }; lineEnd = Self.find([13, 10], in: buffer) }
            let sizeText = String(decoding: buffer[0..<lineEnd!], as: UTF8.self)
            guard let size = Int(sizeText, radix: 16) else { throw TestFailure("bad chunk size \(sizeText)") }
            buffer.removeFirst(lineEnd! + 2)
            while buffer.count < size + 2 { guard fill() else { throw TestFailure("chunk cut short") } }
            body += buffer[0..<size]
            buffer.removeFirst(size + 2)
            if size == 0 { return body }
        }
    }

    /// True when the server closes the connection within the receive timeout
    /// (any bytes before the close are discarded).
    public func waitForClose() -> Bool {
        buffer = []
        for _ in 0..<10_000 {
            if !fill() { return peerClosed }
            buffer = []
        }
        return false
    }

    /// The bytes received until the peer closed or the timeout passed.
    public func readAll() -> [UInt8] {
        for _ in 0..<10_000 {
            guard fill() else { break }
        }
        defer { buffer = [] }
        return buffer
    }

    public func get(_ path: String, headers: String = "") throws -> TestResponse {
        try send("GET \(path) HTTP/1.1\r\nHost: test\r\n\(headers)\r\n")
        return try readResponse()
    }

    /// Plain-socket send usable from another thread (only the fd crosses over).
    public static func sendAll(_ bytes: [UInt8], on fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress! + offset, $0.count - offset, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            offset += sent
        }
    }

    public static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if Array(haystack[start..<start + needle.count]) == needle { return start }
        }
        return nil
    }
}

extension TestClient {
    /// Sends one request with `Host`, the given headers and an optional body
    /// (with `Content-Length`), and reads the response.
    public func request(_ method: String, _ path: String, headers: [(String, String)] = [],
                        body: [UInt8]? = nil) throws -> TestResponse {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if let body { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + (body ?? []))
        return try readResponse(forHead: method == "HEAD")
    }

    /// A JSON request: `value` serialised with JSONSerialization, `Content-Type: application/json`.
    public func json(_ method: String, _ path: String, _ value: Any? = nil, token: String? = nil,
                     headers: [(String, String)] = []) throws -> TestResponse {
        var all = headers
        if let token { all.append(("Authorization", "Bearer \(token)")) }
        var body: [UInt8]?
        if let value {
            body = Array(try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
            all.append(("Content-Type", "application/json"))
        }
        return try request(method, path, headers: all, body: body)
    }
}

extension TestResponse {
    /// The body parsed as a JSON object; throws when it is not one.
    public func jsonObject() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any] else {
            throw TestFailure("body is not a JSON object: \(text.prefix(300))")
        }
        return object
    }
}
