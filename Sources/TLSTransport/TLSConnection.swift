import COpenSSL

/// One TLS session as a transform between two byte buffers: ciphertext from the
/// socket in, plaintext out; plaintext in, ciphertext for the socket out.
///
/// It never touches a socket (memory BIOs), so the event loop owns all I/O and
/// a handshake never blocks. Confined to the event loop that owns the connection.
public final class TLSConnection {
    init() { fatalError("not implemented yet") }

    /// Feeds bytes read from the socket.
    public func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        fatalError("not implemented yet")
    }

    /// Advances the handshake and decrypts whatever application data is
    /// available, appending it to `plaintext`.
    public func readPlaintext(into plaintext: inout [UInt8]) throws(TLSError) -> TLSReadStatus {
        fatalError("not implemented yet")
    }

    /// Encrypts application data; the result is collected with `takeCiphertext`.
    public func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        fatalError("not implemented yet")
    }

    /// Moves every byte waiting to go to the socket into `buffer`.
    public func takeCiphertext(into buffer: inout [UInt8]) {
        fatalError("not implemented yet")
    }

    /// Queues a close_notify alert (collect it with `takeCiphertext`).
    public func shutdown() {
        fatalError("not implemented yet")
    }

    public var isHandshakeComplete: Bool { fatalError("not implemented yet") }

    /// The ALPN protocol agreed in the handshake (`http/1.1`), if any.
    public var negotiatedProtocol: String? { fatalError("not implemented yet") }

    /// The TLS version agreed (`TLSv1.3`), once the handshake is complete.
    public var negotiatedVersion: String? { fatalError("not implemented yet") }
}
