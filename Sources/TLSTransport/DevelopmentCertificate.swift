import COpenSSL

/// A self-signed ECDSA P-256 certificate for development, so a fresh checkout
/// serves HTTPS at once and `curl --cacert <path>` works.
public enum DevelopmentCertificate {
    /// Returns the configuration for `<directory>/dev-cert.pem` and `dev-key.pem`,
    /// generating them first (key file mode 0600) if they do not exist.
    /// `created` tells the caller whether to announce the new certificate.
    public static func ensure(in directory: String, hostnames: [String] = ["localhost"], ipAddresses: [String] = ["127.0.0.1", "::1"]) throws(TLSError) -> (configuration: TLSConfiguration, created: Bool) {
        fatalError("not implemented yet")
    }
}
