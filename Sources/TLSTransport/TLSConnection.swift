import COpenSSL

/// One TLS session as a transform between two byte buffers: ciphertext from the
/// socket in, plaintext out; plaintext in, ciphertext for the socket out.
///
/// It never touches a socket (memory BIOs), so the event loop owns all I/O and
/// a handshake never blocks. Confined to the event loop that owns the connection
/// (not thread-safe; it may be handed to another thread, but used by one at a time).
///
/// After every `receiveCiphertext`/`readPlaintext`/`writePlaintext`/`shutdown`,
/// send whatever `takeCiphertext` yields: the handshake, tickets and alerts
/// travel that way too. After a thrown `TLSError`, `takeCiphertext` may still
/// hold an alert worth sending before closing the socket.
public final class TLSConnection {
    /// Owned: freed once in `deinit` (which also frees both BIOs).
    let ssl: OpaquePointer
    /// Owned by `ssl` (via `SSL_set_bio`); replaced when one grew large and drained.
    var readBIO: OpaquePointer
    var writeBIO: OpaquePointer
    /// Bytes put through each BIO since its capacity was last measured (then
    /// drained), and that capacity; see `releaseReadBufferIfLarge`.
    var readBIOGrowth = 0
    var writeBIOGrowth = 0
    var readBIOCapacity = Int.max
    var writeBIOCapacity = Int.max
    private var phase: Phase = .handshaking
    /// The peer's close_notify arrived: reads report `.closed` from now on.
    private var peerClosed = false
    /// Our close_notify is queued: no more writes.
    private var closeNotifyQueued = false

    private enum Phase {
        case handshaking
        case established
        case failed(TLSError)
    }

    /// A memory BIO that grew beyond this and is empty again is replaced at
    /// once, so a huge response or upload does not leave its buffer behind.
    /// (Replacing after every full 16 KiB record would halve bulk throughput.)
    static let retainedBufferLimit = 64 * 1024
    /// What `releaseIdleBuffers()` lets a drained BIO keep.
    static let idleBufferLimit = 1024
    /// The most plaintext requested per `SSL_read` (one full TLS record).
    static let maximumReadChunk = 16 * 1024
    /// Arrays grow by copying from this (a memcpy) before OpenSSL overwrites the new bytes.
    static let zeros = [UInt8](repeating: 0, count: 64 * 1024)

    init(sslContext: OpaquePointer) throws(TLSError) {
        OpenSSLErrorQueue.clear()
        guard let ssl = SSL_new(sslContext) else { throw TLSError.openSSL("SSL_new failed") }
        let readBIO = Self.makeMemoryBIO()
        let writeBIO = Self.makeMemoryBIO()
        guard let readBIO, let writeBIO else {
            if let readBIO { BIO_free(readBIO) }
            if let writeBIO { BIO_free(writeBIO) }
            SSL_free(ssl)
            throw TLSError.openSSL("cannot allocate memory BIOs")
        }
        SSL_set_bio(ssl, readBIO, writeBIO)
        SSL_set_accept_state(ssl)
        self.ssl = ssl
        self.readBIO = readBIO
        self.writeBIO = writeBIO
    }

    deinit { SSL_free(ssl) }

    /// Feeds bytes read from the socket.
    public func receiveCiphertext(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        while offset < bytes.count {
            let chunk = Int32(clamping: bytes.count - offset)
            let written = BIO_write(readBIO, base + offset, chunk)
            // A memory BIO only refuses on allocation failure; the next read then reports it.
            guard written > 0 else { return }
            offset += Int(written)
            readBIOGrowth &+= Int(written)
        }
    }

    /// Advances the handshake and decrypts whatever application data is
    /// available, appending it to `plaintext`.
    ///
    /// Returns `.needMoreData` when everything available was consumed,
    /// `.closed` once the peer sent close_notify. Throws on any protocol
    /// error (including plain HTTP or an old protocol version during the
    /// handshake); the connection is then unusable and should be closed.
    public func readPlaintext(into plaintext: inout [UInt8]) throws(TLSError) -> TLSReadStatus {
        guard try advanceHandshake() else { return peerClosed ? .closed : .needMoreData }
        return try readApplicationData(into: &plaintext)
    }

    /// Like `readPlaintext(into:)`, decrypting straight into `buffer` (no
    /// array to grow): `count` bytes were written. When `bufferFull` is true
    /// more plaintext may be waiting: consume the bytes and call again.
    public func readPlaintext(into buffer: UnsafeMutableRawBufferPointer) throws(TLSError) -> TLSPlaintextRead {
        guard try advanceHandshake() else { return TLSPlaintextRead(count: 0, status: peerClosed ? .closed : .needMoreData, bufferFull: false) }
        var count = 0
        while count < buffer.count {
            OpenSSLErrorQueue.clear()
            let result = SSL_read(ssl, buffer.baseAddress! + count, Int32(clamping: buffer.count - count))
            if result <= 0 {
                let status = try outcome(ofFailed: result, during: "TLS read failed")
                releaseReadBufferIfLarge()
                return TLSPlaintextRead(count: count, status: status, bufferFull: false)
            }
            count += Int(result)
            // Nothing buffered on either side: a further SSL_read would only
            // fail with WANT_READ, at ten times the cost of asking.
            if SSL_pending(ssl) == 0 && klipso_BIO_pending(readBIO) == 0 {
                releaseReadBufferIfLarge()
                return TLSPlaintextRead(count: count, status: .needMoreData, bufferFull: false)
            }
        }
        return TLSPlaintextRead(count: count, status: .needMoreData, bufferFull: true)
    }

    /// Runs the handshake until it completes; true once application data may be read.
    private func advanceHandshake() throws(TLSError) -> Bool {
        if peerClosed { return false }
        switch phase {
        case .failed(let error): throw error
        case .handshaking:
            OpenSSLErrorQueue.clear()
            let result = SSL_do_handshake(ssl)
            guard result == 1 else {
                _ = try outcome(ofFailed: result, during: "TLS handshake failed")
                return false
            }
            phase = .established
            return true
        case .established:
            return true
        }
    }

    private func readApplicationData(into plaintext: inout [UInt8]) throws(TLSError) -> TLSReadStatus {
        while true {
            // Plaintext never exceeds the ciphertext it comes from, so this bounds the chunk.
            let available = Int(klipso_BIO_pending(readBIO)) + Int(SSL_pending(ssl))
            guard available > 0 else { break }
            let chunk = min(available, Self.maximumReadChunk)
            let start = plaintext.count
            plaintext.append(contentsOf: Self.zeros[0..<chunk])
            OpenSSLErrorQueue.clear()
            let result = plaintext.withUnsafeMutableBytes { SSL_read(ssl, $0.baseAddress! + start, Int32(chunk)) }
            plaintext.removeLast(chunk - max(Int(result), 0))
            if result <= 0 {
                let status = try outcome(ofFailed: result, during: "TLS read failed")
                releaseReadBufferIfLarge()
                return status
            }
        }
        releaseReadBufferIfLarge()
        return .needMoreData
    }

    /// Encrypts application data; the result is collected with `takeCiphertext`.
    public func writePlaintext(_ bytes: UnsafeRawBufferPointer) throws(TLSError) {
        switch phase {
        case .failed(let error): throw error
        case .handshaking: throw TLSError("cannot write before the TLS handshake is complete")
        case .established: break
        }
        guard !closeNotifyQueued else { throw TLSError("cannot write after shutdown()") }
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        var offset = 0
        var stalls = 0
        while offset < bytes.count {
            OpenSSLErrorQueue.clear()
            let result = SSL_write(ssl, base + offset, Int32(clamping: bytes.count - offset))
            if result > 0 {
                offset += Int(result)
                stalls = 0
                continue
            }
            let code = SSL_get_error(ssl, result)
            // A memory BIO grows on demand, so WANT_WRITE means a transient refusal: retry a little, never spin.
            if code == SSL_ERROR_WANT_WRITE, stalls < 3 {
                stalls += 1
                continue
            }
            throw fail(TLSError.openSSL("TLS write failed (SSL_get_error \(code))"))
        }
    }

    /// Moves every byte waiting to go to the socket into `buffer` (appended).
    public func takeCiphertext(into buffer: inout [UInt8]) {
        var pending = Int(klipso_BIO_pending(writeBIO))
        while pending > 0 {
            let chunk = min(pending, Self.zeros.count)
            let start = buffer.count
            buffer.append(contentsOf: Self.zeros[0..<chunk])
            let taken = buffer.withUnsafeMutableBytes { BIO_read(writeBIO, $0.baseAddress! + start, Int32(chunk)) }
            buffer.removeLast(chunk - max(Int(taken), 0))
            guard taken > 0 else { break }
            writeBIOGrowth &+= Int(taken)
            // Only a read cut short by the chunk size can leave bytes behind.
            pending = Int(taken) == pending ? 0 : Int(klipso_BIO_pending(writeBIO))
        }
        releaseWriteBufferIfLarge()
    }

    /// Queues a close_notify alert (collect it with `takeCiphertext`). Reads
    /// still work afterwards. Does nothing before the handshake completes,
    /// after a failure, or the second time.
    public func shutdown() {
        guard case .established = phase, !closeNotifyQueued else { return }
        closeNotifyQueued = true
        OpenSSLErrorQueue.clear()
        _ = SSL_shutdown(ssl)
        OpenSSLErrorQueue.clear()
    }

    /// Maps a non-positive SSL return value to a status, or records and throws the failure.
    private func outcome(ofFailed result: Int32, during action: String) throws(TLSError) -> TLSReadStatus {
        let code = SSL_get_error(ssl, result)
        switch code {
        case SSL_ERROR_WANT_READ, SSL_ERROR_WANT_WRITE:
            return .needMoreData
        case SSL_ERROR_ZERO_RETURN:
            peerClosed = true
            return .closed
        default:
            let reason = code == SSL_ERROR_SYSCALL ? "unexpected end of stream" : "SSL_get_error \(code)"
            throw fail(TLSError.openSSL("\(action) (\(reason))"))
        }
    }

    private func fail(_ error: TLSError) -> TLSError {
        phase = .failed(error)
        return error
    }
}
