import COpenSSL
import Foundation
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    @Suite struct DevelopmentCertificateTests {
        @Test func createsKeyAndCertificateWithSafeModesAndReusesThem() throws {
            let temporary = try TemporaryDirectory()
            let directory = temporary.file("data/tls")
            let first = try DevelopmentCertificate.ensure(in: directory)
            #expect(first.created)
            #expect(first.configuration.certificateChainPath == directory + "/dev-cert.pem")
            #expect(first.configuration.privateKeyPath == directory + "/dev-key.pem")
            #expect(try mode(of: first.configuration.privateKeyPath) == 0o600)
            #expect(try mode(of: first.configuration.certificateChainPath) == 0o644)
            #expect(try mode(of: directory) == 0o700)
            let original = try Data(contentsOf: URL(fileURLWithPath: first.configuration.certificateChainPath))

            let second = try DevelopmentCertificate.ensure(in: directory)
            #expect(!second.created)
            #expect(second.configuration == first.configuration)
            #expect(try Data(contentsOf: URL(fileURLWithPath: second.configuration.certificateChainPath)) == original)
            // No temporary files are left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["dev-cert.pem", "dev-key.pem"])
        }

        @Test func regeneratesWhenTheCertificateIsMissing() throws {
            let temporary = try TemporaryDirectory()
            let first = try DevelopmentCertificate.ensure(in: temporary.path)
            try FileManager.default.removeItem(atPath: first.configuration.certificateChainPath)
            let second = try DevelopmentCertificate.ensure(in: temporary.path)
            #expect(second.created)
            _ = try TLSContext(configuration: second.configuration)  // the new key matches the new certificate
        }

        @Test func certificateIsSelfSignedP256WithTheRequestedNames() throws {
            let temporary = try TemporaryDirectory()
            let configuration = try DevelopmentCertificate.ensure(in: temporary.path).configuration
            let certificate = try loadCertificate(configuration.certificateChainPath)
            defer { X509_free(certificate) }

            #expect(X509_get_version(certificate) == 2)
            #expect(X509_check_host(certificate, "localhost", 0, 0, nil) == 1)
            #expect(X509_check_ip_asc(certificate, "127.0.0.1", 0) == 1)
            #expect(X509_check_ip_asc(certificate, "::1", 0) == 1)
            #expect(X509_check_host(certificate, "example.com", 0, 0, nil) != 1)
            #expect(X509_check_ip_asc(certificate, "10.0.0.1", 0) != 1)

            let key = try #require(X509_get0_pubkey(certificate))
            #expect(EVP_PKEY_is_a(key, "EC") == 1)
            var group = [CChar](repeating: 0, count: 64)
            var length = 0
            #expect(EVP_PKEY_get_group_name(key, &group, group.count, &length) == 1)
            #expect(group.withUnsafeBufferPointer { String(cString: $0.baseAddress!) } == "prime256v1")
            #expect(X509_verify(certificate, key) == 1)  // signed by its own key
            #expect(X509_check_purpose(certificate, X509_PURPOSE_SSL_SERVER, 0) == 1)
            #expect(X509_get_extension_flags(certificate) & UInt32(EXFLAG_SS) != 0)

            let subject = try #require(X509_NAME_oneline(X509_get_subject_name(certificate), nil, 0))
            defer { klipso_OPENSSL_free(subject) }
            #expect(String(cString: subject) == "/CN=KLIPSO development certificate/O=KLIPSO")

            // Valid from about an hour ago until about 825 days from now.
            var days: Int32 = 0
            var seconds: Int32 = 0
            #expect(ASN1_TIME_diff(&days, &seconds, nil, X509_get0_notAfter(certificate)) == 1)
            #expect((824...825).contains(days))
            #expect(ASN1_TIME_diff(&days, &seconds, X509_get0_notBefore(certificate), nil) == 1)
            #expect(days == 0 && (3590...3700).contains(seconds))
        }

        @Test func usesTheGivenHostnamesAndAddresses() throws {
            let temporary = try TemporaryDirectory()
            let configuration = try DevelopmentCertificate.ensure(in: temporary.path, hostnames: ["klipso.test", "localhost"], ipAddresses: ["192.0.2.7"]).configuration
            let certificate = try loadCertificate(configuration.certificateChainPath)
            defer { X509_free(certificate) }
            #expect(X509_check_host(certificate, "klipso.test", 0, 0, nil) == 1)
            #expect(X509_check_ip_asc(certificate, "192.0.2.7", 0) == 1)
            #expect(X509_check_ip_asc(certificate, "127.0.0.1", 0) != 1)
        }

        @Test func serialNumbersAreRandom() throws {
            let first = try SelfSignedCertificate(hostnames: ["localhost"], ipAddresses: [])
            let second = try SelfSignedCertificate(hostnames: ["localhost"], ipAddresses: [])
            #expect(first.certificatePEM != second.certificatePEM)
            #expect(first.privateKeyPEM != second.privateKeyPEM)
        }
    }
}

func mode(of path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? Int ?? -1) & 0o777
}

func loadCertificate(_ path: String) throws -> OpaquePointer {
    let bio = try #require(BIO_new_file(path, "r"))
    defer { BIO_free(bio) }
    return try #require(PEM_read_bio_X509(bio, nil, nil, nil))
}
