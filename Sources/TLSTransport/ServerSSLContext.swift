import COpenSSL

/// Owns one configured server `SSL_CTX` and frees it exactly once.
///
/// OpenSSL reference-counts the `SSL_CTX` itself: every `SSL_new` takes a
/// reference, so connections outlive a swapped-out context safely.
/// `SSL_new` on a fully configured `SSL_CTX` is thread-safe, hence `Sendable`.
final class ServerSSLContext: @unchecked Sendable {
    let pointer: OpaquePointer

    /// Builds a hardened server context from the PEM files in `configuration`.
    init(configuration: TLSConfiguration) throws(TLSError) {
        ERR_clear_error()
        guard let context = SSL_CTX_new(TLS_server_method()) else {
            throw TLSError.openSSL("cannot create an SSL_CTX")
        }
        do {
            try ServerContextPolicy.apply(to: context)
            try Self.loadCredentials(configuration, into: context)
        } catch {
            SSL_CTX_free(context)
            throw error
        }
        pointer = context
    }

    deinit { SSL_CTX_free(pointer) }

    private static func loadCredentials(_ configuration: TLSConfiguration, into context: OpaquePointer) throws(TLSError) {
        let chainPath = configuration.certificateChainPath
        let keyPath = configuration.privateKeyPath
        guard SSL_CTX_use_certificate_chain_file(context, chainPath) == 1 else {
            throw TLSError.openSSL("cannot load certificate chain from \(chainPath)")
        }
        guard SSL_CTX_use_PrivateKey_file(context, keyPath, SSL_FILETYPE_PEM) == 1 else {
            // OpenSSL also refuses here when the key does not belong to the certificate.
            throw TLSError.openSSL("cannot load private key from \(keyPath), or it does not match certificate \(chainPath)")
        }
        guard SSL_CTX_check_private_key(context) == 1 else {
            throw TLSError.openSSL("private key \(keyPath) does not match certificate \(chainPath)")
        }
    }
}
