import COpenSSL

/// The server's TLS settings and certificate, shared by all connections.
///
/// `reload()` swaps in a freshly loaded OpenSSL context; connections already
/// open keep the one they started with (OpenSSL reference-counts it), so a
/// certificate rotation on SIGHUP drops nobody.
public final class TLSContext: @unchecked Sendable {
    public let configuration: TLSConfiguration

    public init(configuration: TLSConfiguration) throws(TLSError) {
        self.configuration = configuration
        fatalError("not implemented yet")
    }

    /// Re-reads the certificate and key files; on failure the old ones stay in use.
    public func reload() throws(TLSError) {
        fatalError("not implemented yet")
    }

    /// A new server-side TLS session for one accepted connection.
    public func makeConnection() throws(TLSError) -> TLSConnection {
        fatalError("not implemented yet")
    }
}
