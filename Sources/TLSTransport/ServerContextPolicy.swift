import COpenSSL

/// The protocol policy every KLIPSO server context gets: modern TLS only,
/// forward-secret AEAD suites, resumption on, renegotiation off, and small
/// idle connections.
enum ServerContextPolicy {
    /// TLS 1.2 suites: ECDHE only (forward secrecy), AEAD only; AES-128-GCM first
    /// because it is the cheapest with AES-NI.
    static let tls12CipherList = [
        "ECDHE-ECDSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
        "ECDHE-ECDSA-AES256-GCM-SHA384", "ECDHE-RSA-AES256-GCM-SHA384",
        "ECDHE-ECDSA-CHACHA20-POLY1305", "ECDHE-RSA-CHACHA20-POLY1305",
    ].joined(separator: ":")
    /// OpenSSL's default TLS 1.3 suites, AES-128-GCM preferred for speed.
    static let tls13CipherSuites = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256"
    static let groups = "X25519:P-256:P-384"
    /// Sessions remembered for TLS 1.2 session-ID resumption; bounded so
    /// 10,000 idle clients cannot grow the cache without limit.
    static let sessionCacheSize = 4096
    /// Session (and ticket) lifetime in seconds.
    static let sessionLifetimeSeconds: Int = 3600
    /// One TLS 1.3 ticket per connection (OpenSSL's default is two): one is
    /// enough for one resumption and halves the post-handshake work.
    static let ticketsPerConnection = 1
    private static let sessionIDContext: [UInt8] = Array("klipso".utf8)

    static func apply(to context: OpaquePointer) throws(TLSError) {
        guard klipso_SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION) == 1,
              klipso_SSL_CTX_set_max_proto_version(context, TLS1_3_VERSION) == 1 else {
            throw TLSError.openSSL("cannot restrict protocol versions to TLS 1.2-1.3")
        }
        _ = SSL_CTX_set_options(context, klipso_SSL_OP_ALL() | klipso_SSL_OP_NO_RENEGOTIATION()
            | klipso_SSL_OP_NO_COMPRESSION() | klipso_SSL_OP_CIPHER_SERVER_PREFERENCE())
        guard SSL_CTX_set_cipher_list(context, tls12CipherList) == 1 else {
            throw TLSError.openSSL("cannot set the TLS 1.2 cipher list")
        }
        guard SSL_CTX_set_ciphersuites(context, tls13CipherSuites) == 1 else {
            throw TLSError.openSSL("cannot set the TLS 1.3 cipher suites")
        }
        guard klipso_SSL_CTX_set1_groups_list(context, groups) == 1 else {
            throw TLSError.openSSL("cannot set key exchange groups \(groups)")
        }
        // Release the 16 KiB read/write buffers whenever a connection is idle.
        _ = klipso_SSL_CTX_set_mode(context, klipso_SSL_MODE_RELEASE_BUFFERS())
        try enableResumption(context)
        SSL_CTX_set_alpn_select_cb(context, { _, selected, selectedLength, offered, offeredLength, _ in
            ALPNSelection.selectHTTP11(selected, selectedLength, offered, offeredLength)
        }, nil)
    }

    private static func enableResumption(_ context: OpaquePointer) throws(TLSError) {
        _ = klipso_SSL_CTX_set_session_cache_mode(context, klipso_SSL_SESS_CACHE_SERVER())
        _ = klipso_SSL_CTX_sess_set_cache_size(context, sessionCacheSize)
        _ = SSL_CTX_set_timeout(context, sessionLifetimeSeconds)
        let contextSet = sessionIDContext.withUnsafeBufferPointer {
            SSL_CTX_set_session_id_context(context, $0.baseAddress, UInt32($0.count))
        }
        guard contextSet == 1, SSL_CTX_set_num_tickets(context, ticketsPerConnection) == 1 else {
            throw TLSError.openSSL("cannot configure session resumption")
        }
    }
}

/// The ALPN policy: speak `http/1.1` when offered; otherwise proceed without
/// ALPN (NOACK) rather than failing the handshake.
enum ALPNSelection {
    private static let http11: [UInt8] = Array("http/1.1".utf8)

    static func selectHTTP11(
        _ selected: UnsafeMutablePointer<UnsafePointer<UInt8>?>?,
        _ selectedLength: UnsafeMutablePointer<UInt8>?,
        _ offered: UnsafePointer<UInt8>?,
        _ offeredLength: UInt32
    ) -> Int32 {
        guard let selected, let selectedLength, let offered else { return SSL_TLSEXT_ERR_NOACK }
        let total = Int(offeredLength)
        var index = 0
        // The offer is a list of length-prefixed protocol names.
        while index < total {
            let length = Int(offered[index])
            let start = index + 1
            guard length > 0, start + length <= total else { break }
            if length == http11.count, (0..<length).allSatisfy({ offered[start + $0] == http11[$0] }) {
                selected.pointee = offered + start
                selectedLength.pointee = UInt8(length)
                return SSL_TLSEXT_ERR_OK
            }
            index = start + length
        }
        return SSL_TLSEXT_ERR_NOACK
    }
}
