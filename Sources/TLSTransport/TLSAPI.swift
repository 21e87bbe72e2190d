// Public value types of TLSTransport: configuration, errors, read outcomes.

/// Where the server's certificate chain and private key live (PEM files).
public struct TLSConfiguration: Sendable, Equatable {
    public var certificateChainPath: String
    public var privateKeyPath: String

    public init(certificateChainPath: String, privateKeyPath: String) {
        self.certificateChainPath = certificateChainPath
        self.privateKeyPath = privateKeyPath
    }
}

/// A TLS failure with OpenSSL's error queue drained into readable lines.
public struct TLSError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var details: [String]

    public init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    public var description: String { details.isEmpty ? message : "\(message): \(details.joined(separator: "; "))" }
}

/// The outcome of pumping received ciphertext through the TLS state machine.
public enum TLSReadStatus: Sendable, Equatable {
    /// Progress was made (handshake advanced and/or plaintext appended); call again after the next read.
    case needMoreData
    /// The peer sent close_notify (or closed the TLS session cleanly).
    case closed
}

/// The outcome of `TLSConnection.readPlaintext(into:)` into caller-owned memory.
public struct TLSPlaintextRead: Sendable, Equatable {
    /// Plaintext bytes written at the start of the buffer.
    public var count: Int
    public var status: TLSReadStatus
    /// The buffer filled up: more plaintext may be waiting; call again.
    public var bufferFull: Bool
}
