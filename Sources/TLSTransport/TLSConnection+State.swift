import COpenSSL

/// Read-only facts about a connection: handshake state, what was negotiated,
/// whether output is waiting.
extension TLSConnection {
    /// True when `firstByte` can start a TLS ClientHello (a handshake record,
    /// 0x16). Lets the server answer plain HTTP sent to the TLS port instead of
    /// failing the handshake silently.
    public static func looksLikeTLSClientHello(firstByte: UInt8) -> Bool { firstByte == 0x16 }

    /// True when `takeCiphertext` would yield bytes.
    public var hasPendingCiphertext: Bool { klipso_BIO_pending(writeBIO) > 0 }

    public var isHandshakeComplete: Bool { SSL_is_init_finished(ssl) == 1 }

    /// The ALPN protocol agreed in the handshake (`http/1.1`), if any.
    public var negotiatedProtocol: String? {
        var name: UnsafePointer<UInt8>?
        var length: UInt32 = 0
        SSL_get0_alpn_selected(ssl, &name, &length)
        guard let name, length > 0 else { return nil }
        return String(decoding: UnsafeBufferPointer(start: name, count: Int(length)), as: UTF8.self)
    }

    /// The TLS version agreed (`TLSv1.3`), once the handshake is complete.
    public var negotiatedVersion: String? {
        guard isHandshakeComplete, let version = SSL_get_version(ssl) else { return nil }
        return String(cString: version)
    }
}
