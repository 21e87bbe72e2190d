import COpenSSL
import Foundation
import Testing
@testable import TLSTransport

extension TLSTransportTests {
    @Suite struct TLSContextTests {
        /// Two development certificates and a live configuration that can be switched between them.
        struct RotatingCertificates {
            let directory: TemporaryDirectory
            let old: TLSConfiguration
            let new: TLSConfiguration
            let live: TLSConfiguration

            init() throws {
                directory = try TemporaryDirectory()
                old = try DevelopmentCertificate.ensure(in: directory.file("old")).configuration
                new = try DevelopmentCertificate.ensure(in: directory.file("new")).configuration
                live = TLSConfiguration(certificateChainPath: directory.file("live-cert.pem"), privateKeyPath: directory.file("live-key.pem"))
                try install(old)
            }

            func install(_ source: TLSConfiguration) throws {
                try copy(source.certificateChainPath, to: live.certificateChainPath)
                try copy(source.privateKeyPath, to: live.privateKeyPath)
            }

            func copy(_ from: String, to: String) throws {
                try Data(contentsOf: URL(fileURLWithPath: from)).write(to: URL(fileURLWithPath: to))
            }

            func certificate(_ configuration: TLSConfiguration) throws -> [UInt8] {
                Array(try Data(contentsOf: URL(fileURLWithPath: configuration.certificateChainPath)))
            }
        }

        @Test func reloadServesTheNewCertificateWhileOpenConnectionsKeepTheOld() throws {
            let certificates = try RotatingCertificates()
            let context = try TLSContext(configuration: certificates.live)
            let before = try context.makeConnection()
            try certificates.install(certificates.new)
            try context.reload()
            let after = try context.makeConnection()

            let newClient = try TestTLSClient(ClientOptions(trustedCertificatePath: certificates.new.certificateChainPath))
            try newClient.handshake(with: after)
            #expect(newClient.peerCertificatePEM() == (try certificates.certificate(certificates.new)))

            let oldClient = try TestTLSClient(ClientOptions(trustedCertificatePath: certificates.old.certificateChainPath))
            try oldClient.handshake(with: before)
            #expect(oldClient.peerCertificatePEM() == (try certificates.certificate(certificates.old)))
        }

        @Test func failedReloadThrowsAndKeepsTheWorkingContext() throws {
            let certificates = try RotatingCertificates()
            let context = try TLSContext(configuration: certificates.live)
            try Data("not a certificate".utf8).write(to: URL(fileURLWithPath: certificates.live.certificateChainPath))
            let error = #expect(throws: TLSError.self) { try context.reload() }
            #expect(error?.message.contains(certificates.live.certificateChainPath) == true)

            // A key that does not match the certificate is refused too.
            try certificates.copy(certificates.new.certificateChainPath, to: certificates.live.certificateChainPath)
            #expect(throws: TLSError.self) { try context.reload() }

            let client = try TestTLSClient(ClientOptions(trustedCertificatePath: certificates.old.certificateChainPath))
            try client.handshake(with: context.makeConnection())
            #expect(client.peerCertificatePEM() == (try certificates.certificate(certificates.old)))
        }

        @Test func mismatchedOrMissingFilesAreRefusedAtStart() throws {
            let certificates = try RotatingCertificates()
            let mismatched = TLSConfiguration(certificateChainPath: certificates.old.certificateChainPath, privateKeyPath: certificates.new.privateKeyPath)
            let mismatch = #expect(throws: TLSError.self) { try TLSContext(configuration: mismatched) }
            #expect(mismatch?.message.contains("does not match") == true)

            let missing = TLSConfiguration(certificateChainPath: certificates.directory.file("absent.pem"), privateKeyPath: certificates.old.privateKeyPath)
            let absent = #expect(throws: TLSError.self) { try TLSContext(configuration: missing) }
            #expect(absent?.message.contains("absent.pem") == true)
        }

        @Test func loadsAFullChainFile() throws {
            // Leaf followed by another certificate: both are read, the leaf is served.
            let certificates = try RotatingCertificates()
            let chain = try certificates.certificate(certificates.old) + certificates.certificate(certificates.new)
            try Data(chain).write(to: URL(fileURLWithPath: certificates.live.certificateChainPath))
            let context = try TLSContext(configuration: certificates.live)
            let client = try TestTLSClient(ClientOptions(trustedCertificatePath: certificates.old.certificateChainPath))
            let server = try context.makeConnection()
            try client.handshake(with: server)
            let presented = try #require(SSL_get_peer_cert_chain(client.ssl))
            #expect(OPENSSL_sk_num(presented) == 2)
        }

        @Test func makeConnectionIsSafeFromManyThreadsDuringReloads() async throws {
            let fixture = try TLSFixture()
            let context = fixture.context
            let made = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        for _ in 0..<250 { _ = try context.makeConnection() }
                        return 250
                    }
                }
                group.addTask {
                    for _ in 0..<20 { try context.reload() }
                    return 0
                }
                return try await group.reduce(0, +)
            }
            #expect(made == 1000)
            _ = try fixture.connectedPair()
        }
    }
}
