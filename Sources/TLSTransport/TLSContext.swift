import COpenSSL
import Foundation

/// The server's TLS settings and certificate, shared by all connections.
///
/// `reload()` swaps in a freshly loaded OpenSSL context; connections already
/// open keep the one they started with (OpenSSL reference-counts it), so a
/// certificate rotation on SIGHUP drops nobody.
///
/// Thread-safe: `makeConnection()` and `reload()` may be called from any thread.
public final class TLSContext: @unchecked Sendable {
    public let configuration: TLSConfiguration
    /// NSLock rather than `Mutex`: ThreadSanitizer understands it (see PLATFORM-NOTES).
    private let lock = NSLock()
    private var current: ServerSSLContext

    public init(configuration: TLSConfiguration) throws(TLSError) {
        self.configuration = configuration
        current = try ServerSSLContext(configuration: configuration)
    }

    /// Re-reads the certificate and key files; on failure the old ones stay in use.
    public func reload() throws(TLSError) {
        let fresh = try ServerSSLContext(configuration: configuration)
        let replaced = lock.withLock {
            let old = current
            current = fresh
            return old
        }
        // The old SSL_CTX is released here, outside the lock; live connections hold their own reference.
        _ = replaced
    }

    /// A new server-side TLS session for one accepted connection.
    public func makeConnection() throws(TLSError) -> TLSConnection {
        let context = lock.withLock { current }
        return try TLSConnection(sslContext: context.pointer)
    }
}
