@preconcurrency import Glibc
import COpenSSL

/// A TLS client session on a connected ``DeliverySocket``, verifying the receiver's
/// certificate chain against the system store and its name against the webhook's host.
///
/// Why it exists: webhook bodies and signatures must only reach the host the admin named.
/// One owner frees each OpenSSL object, once; the error queue is cleared before each call.
/// The socket's timeouts bound every blocking read and write.
final class DeliveryTLS {
    private let context: OpaquePointer
    private let ssl: OpaquePointer

    init(socket: DeliverySocket, host: String) throws(DeliveryError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_client_method()) else { throw DeliveryError("TLS: cannot create a context") }
        self.context = context
        guard let ssl = SSL_new(context) else {
            SSL_CTX_free(context)
            throw DeliveryError("TLS: cannot create a session")
        }
        self.ssl = ssl
        _ = klipso_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION)
        SSL_CTX_set_verify(context, SSL_VERIFY_PEER, nil)
        guard SSL_CTX_set_default_verify_paths(context) == 1 else { throw DeliveryError("TLS: no system trust store") }
        SSL_set_verify(ssl, SSL_VERIFY_PEER, nil)
        if NetworkAddressClass.of(literal: host) != nil {
            _ = X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), host)
        } else {
            _ = klipso_SSL_set_tlsext_host_name(ssl, host)
            guard SSL_set1_host(ssl, host) == 1 else { throw DeliveryError("TLS: cannot set the expected host name") }
        }
        SSL_set_fd(ssl, socket.fd)
        ERR_clear_error()
        guard SSL_connect(ssl) == 1 else {
            let verify = SSL_get_verify_result(ssl)
            if verify != X509_V_OK {
                throw DeliveryError("TLS: certificate not accepted: \(String(cString: X509_verify_cert_error_string(verify)))")
            }
            throw DeliveryError("TLS handshake failed\(Self.queuedError())")
        }
    }

    deinit {
        SSL_free(ssl)
        SSL_CTX_free(context)
    }

    func sendAll(_ bytes: [UInt8]) throws(DeliveryError) {
        var offset = 0
        while offset < bytes.count {
            ERR_clear_error()
            let written = bytes[offset...].withUnsafeBytes { SSL_write(ssl, $0.baseAddress, Int32($0.count)) }
            guard written > 0 else { throw DeliveryError("TLS write failed\(Self.queuedError())") }
            offset += Int(written)
        }
    }

    /// Up to 4096 bytes; empty when the receiver closed.
    func receive() throws(DeliveryError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 4096)
        ERR_clear_error()
        let count = buffer.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress, 4096) }
        if count > 0 { return Array(buffer.prefix(Int(count))) }
        let code = SSL_get_error(ssl, count)
        if code == SSL_ERROR_ZERO_RETURN || (code == SSL_ERROR_SYSCALL && errno == 0) { return [] }
        throw DeliveryError(errno == EAGAIN ? "timed out waiting for the answer" : "TLS read failed\(Self.queuedError())")
    }

    private static func queuedError() -> String {
        let code = ERR_get_error()
        guard code != 0 else { return "" }
        var text = [CChar](repeating: 0, count: 256)
        ERR_error_string_n(code, &text, text.count)
        return ": " + String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
