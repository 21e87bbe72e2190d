import COpenSSL
import Foundation
@testable import TLSTransport

/// A development certificate in a temporary directory and a server context for it.
struct TLSFixture {
    let directory: TemporaryDirectory
    let configuration: TLSConfiguration
    let context: TLSContext

    init() throws {
        directory = try TemporaryDirectory()
        configuration = try DevelopmentCertificate.ensure(in: directory.path).configuration
        context = try TLSContext(configuration: configuration)
    }

    func clientOptions() -> ClientOptions {
        ClientOptions(trustedCertificatePath: configuration.certificateChainPath)
    }

    /// A verified client and server, handshaken.
    func connectedPair(_ options: ClientOptions? = nil, session: OpaquePointer? = nil) throws -> (TestTLSClient, TLSConnection) {
        let client = try TestTLSClient(options ?? clientOptions(), session: session)
        let server = try context.makeConnection()
        try client.handshake(with: server)
        return (client, server)
    }
}
