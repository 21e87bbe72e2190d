import COpenSSL
import Foundation

/// A self-signed ECDSA P-256 certificate for development, so a fresh checkout
/// serves HTTPS at once and `curl --cacert <path>` works.
public enum DevelopmentCertificate {
    public static let certificateFileName = "dev-cert.pem"
    public static let privateKeyFileName = "dev-key.pem"

    /// Returns the configuration for `<directory>/dev-cert.pem` and `dev-key.pem`,
    /// generating them first (key file mode 0600) if they do not exist.
    /// `created` tells the caller whether to announce the new certificate.
    public static func ensure(in directory: String, hostnames: [String] = ["localhost"], ipAddresses: [String] = ["127.0.0.1", "::1"]) throws(TLSError) -> (configuration: TLSConfiguration, created: Bool) {
        let configuration = TLSConfiguration(
            certificateChainPath: (directory as NSString).appendingPathComponent(certificateFileName),
            privateKeyPath: (directory as NSString).appendingPathComponent(privateKeyFileName))
        let files = FileManager.default
        if files.fileExists(atPath: configuration.certificateChainPath), files.fileExists(atPath: configuration.privateKeyPath) {
            return (configuration, false)
        }
        do {
            try files.createDirectory(atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw TLSError("cannot create directory \(directory)", details: [String(describing: error)])
        }
        let generated = try SelfSignedCertificate(hostnames: hostnames, ipAddresses: ipAddresses)
        // Key first: the certificate's presence marks a complete pair.
        try AtomicFile.write(generated.privateKeyPEM, to: configuration.privateKeyPath, mode: 0o600)
        try AtomicFile.write(generated.certificatePEM, to: configuration.certificateChainPath, mode: 0o644)
        return (configuration, true)
    }
}
