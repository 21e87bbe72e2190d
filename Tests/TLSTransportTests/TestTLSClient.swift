import COpenSSL
import TLSTransport

/// A failure on the test client's side of a handshake.
struct ClientFailure: Error, CustomStringConvertible {
    var description: String
}

/// How the in-memory test client is configured.
struct ClientOptions {
    var trustedCertificatePath: String?
    var hostname = "localhost"
    var minimumVersion = TLS1_VERSION
    var maximumVersion = TLS1_3_VERSION
    var cipherList: String?
    var alpn: [String] = ["h2", "http/1.1"]
    var disableTickets = false
}

/// An OpenSSL client over memory BIOs, pumped against a server `TLSConnection`.
final class TestTLSClient {
    let context: OpaquePointer
    let ssl: OpaquePointer
    let readBIO: OpaquePointer
    let writeBIO: OpaquePointer

    init(_ options: ClientOptions, session: OpaquePointer? = nil) throws {
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw ClientFailure(description: "SSL_CTX_new") }
        self.context = context
        // Security level 0 lets the client *offer* old versions and ciphers so the server's refusal is what is tested.
        SSL_CTX_set_security_level(context, 0)
        _ = klipso_SSL_CTX_set_min_proto_version(context, options.minimumVersion)
        _ = klipso_SSL_CTX_set_max_proto_version(context, options.maximumVersion)
        if let cipherList = options.cipherList, SSL_CTX_set_cipher_list(context, cipherList) != 1 {
            throw ClientFailure(description: "cipher list \(cipherList) refused by the client")
        }
        if options.disableTickets { _ = SSL_CTX_set_options(context, klipso_SSL_OP_NO_TICKET()) }
        if let trusted = options.trustedCertificatePath {
            guard SSL_CTX_load_verify_locations(context, trusted, nil) == 1 else { throw ClientFailure(description: "cannot load \(trusted)") }
            SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        }
        ssl = SSL_new(context)!
        readBIO = BIO_new(BIO_s_mem())!
        writeBIO = BIO_new(BIO_s_mem())!
        SSL_set_bio(ssl, readBIO, writeBIO)
        SSL_set_connect_state(ssl)
        _ = klipso_SSL_set_tlsext_host_name(ssl, options.hostname)
        _ = SSL_set1_host(ssl, options.hostname)
        if !options.alpn.isEmpty {
            let wire = options.alpn.flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) }
            _ = SSL_set_alpn_protos(ssl, wire, UInt32(wire.count))
        }
        if let session { _ = SSL_set_session(ssl, session) }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    var isHandshakeComplete: Bool { SSL_is_init_finished(ssl) == 1 }
    var sessionReused: Bool { SSL_session_reused(ssl) == 1 }
    var version: String { String(cString: SSL_get_version(ssl)) }
    var cipher: String { String(cString: SSL_CIPHER_get_name(SSL_get_current_cipher(ssl))) }

    /// The peer certificate's PEM text, for comparing which certificate was presented.
    func peerCertificatePEM() -> [UInt8]? {
        guard let certificate = SSL_get1_peer_certificate(ssl) else { return nil }
        defer { X509_free(certificate) }
        let bio = BIO_new(BIO_s_mem())!
        defer { BIO_free(bio) }
        _ = PEM_write_bio_X509(bio, certificate)
        var text = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(bio)))
        _ = BIO_read(bio, &text, Int32(text.count))
        return text
    }

    /// Pumps bytes both ways until both sides finish the handshake (at most `rounds` round trips).
    /// Server errors propagate as `TLSError`; client errors as `ClientFailure`.
    func handshake(with server: TLSConnection, rounds: Int = 10) throws {
        for _ in 0..<rounds {
            ERR_clear_error()
            let result = SSL_do_handshake(ssl)
            if result != 1 {
                let code = SSL_get_error(ssl, result)
                guard code == SSL_ERROR_WANT_READ else { throw clientError("client handshake", code) }
            }
            var plaintext: [UInt8] = []
            try exchange(with: server, serverPlaintext: &plaintext)
            if isHandshakeComplete && server.isHandshakeComplete && !server.hasPendingCiphertext { return }
        }
        throw ClientFailure(description: "handshake did not finish in \(rounds) rounds")
    }

    /// Sends client output to the server, lets it read, and returns its output to the client.
    @discardableResult
    func exchange(with server: TLSConnection, serverPlaintext: inout [UInt8]) throws -> TLSReadStatus {
        let outgoing = drain(writeBIO)
        outgoing.withUnsafeBytes { server.receiveCiphertext($0) }
        let status = try server.readPlaintext(into: &serverPlaintext)
        deliver(from: server)
        return status
    }

    func deliver(from server: TLSConnection) {
        var incoming: [UInt8] = []
        server.takeCiphertext(into: &incoming)
        if !incoming.isEmpty { _ = BIO_write(readBIO, incoming, Int32(incoming.count)) }
    }

    func write(_ bytes: [UInt8]) throws {
        ERR_clear_error()
        guard SSL_write(ssl, bytes, Int32(bytes.count)) == Int32(bytes.count) else { throw ClientFailure(description: "client write") }
    }

    /// Reads all available plaintext; `closed` is true once close_notify arrived.
    func read() throws -> (bytes: [UInt8], closed: Bool) {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        for _ in 0..<100_000 {
            ERR_clear_error()
            let count = SSL_read(ssl, &chunk, Int32(chunk.count))
            if count > 0 { result += chunk[0..<Int(count)]; continue }
            let code = SSL_get_error(ssl, count)
            if code == SSL_ERROR_WANT_READ { return (result, false) }
            if code == SSL_ERROR_ZERO_RETURN { return (result, true) }
            throw clientError("client read", code)
        }
        throw ClientFailure(description: "client read did not finish")
    }

    func shutdown() { _ = SSL_shutdown(ssl) }

    private func drain(_ bio: OpaquePointer) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: Int(klipso_BIO_pending(bio)))
        if !bytes.isEmpty { _ = BIO_read(bio, &bytes, Int32(bytes.count)) }
        return bytes
    }

    private func clientError(_ action: String, _ code: Int32) -> ClientFailure {
        var lines: [String] = []
        while case let error = ERR_get_error(), error != 0 {
            var text = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(error, &text, text.count)
            lines.append(text.withUnsafeBufferPointer { String(cString: $0.baseAddress!) })
        }
        return ClientFailure(description: "\(action) failed (\(code)): \(lines.joined(separator: "; "))")
    }
}
