import HTTPCore
import TLSTransport

extension Connection {
    /// Appends bytes that go to the socket as they are (already ciphertext, or plain HTTP).
    func appendRaw(_ bytes: [UInt8]) {
        borrowSpareOutputIfEmpty()
        if outputPending == 0 { lastWriteProgress = loop.now }
        output.append(contentsOf: bytes)
    }

    /// Moves TLS records waiting in OpenSSL's memory BIO into our output.
    func takeTLSOutput(from tls: TLSConnection) {
        borrowSpareOutputIfEmpty()
        if outputPending == 0 { lastWriteProgress = loop.now }
        tls.takeCiphertext(into: &output)
        if output.isEmpty { returnSpareOutput() }
    }

    /// Appends application bytes, encrypting them first on TLS connections.
    func appendPlaintext(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, state != .closed else { return }
        guard let tls else {
            borrowSpareOutputIfEmpty()
            if outputPending == 0 { lastWriteProgress = loop.now }
            output.append(contentsOf: bytes)
            return
        }
        do {
            try tls.writePlaintext(bytes)
        } catch {
            context.logger.log(.debug, "TLS write to \(info.remoteAddress) failed: \(error)")
            abort()
            return
        }
        takeTLSOutput(from: tls)
    }

    func appendPlaintext(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendPlaintext($0) }
    }

    /// Queues the response head and, for a `.bytes` body, the body. Under TLS
    /// a small response is encrypted with one `SSL_write` (one record) rather
    /// than one for the head and one for the body.
    func writeResponse(_ framing: ResponseFraming) {
        if tls == nil {
            borrowSpareOutputIfEmpty()
            if outputPending == 0 { lastWriteProgress = loop.now }
            framing.writeHeadAndBody(into: &output)
            return
        }
        loop.scratch.removeAll(keepingCapacity: true)
        if case .bytes(let body) = framing.body, body.count > Self.coalescedTLSBodyLimit {
            // Large: a copy of the body would cost more than an extra record.
            framing.writeHead(into: &loop.scratch)
            loop.scratch.withUnsafeBytes { appendPlaintext($0) }
            appendPlaintext(body)
        } else {
            framing.writeHeadAndBody(into: &loop.scratch)
            loop.scratch.withUnsafeBytes { appendPlaintext($0) }
        }
        loop.releaseScratchIfLarge()
    }

    /// Bodies up to one TLS record's worth go out in the same record as the head.
    static let coalescedTLSBodyLimit = 16 * 1024

    /// An empty output buffer takes the loop's spare one (already allocated)
    /// instead of growing a fresh array for every response.
    @inline(__always)
    func borrowSpareOutputIfEmpty() {
        if output.capacity == 0 { swap(&output, &loop.spareOutput) }
    }

    /// Hands an emptied output buffer back to the loop (a modest one, if the
    /// loop has none) or frees it: an idle connection holds no output buffer.
    func returnSpareOutput() {
        guard output.capacity > 0 else { return }
        if loop.spareOutput.capacity == 0 && output.capacity <= EventLoop.spareOutputLimit {
            swap(&output, &loop.spareOutput)
        } else {
            output = []
        }
    }

    /// Sends until the output is empty or the socket is full (edge-triggered:
    /// the next EPOLLOUT edge resumes). A send error means the peer is gone.
    func flush() {
        guard state != .closed else { return }
        while outputPending > 0 && mayWrite {
            let result: IOResult<Int>
            do {
                result = try output.withUnsafeBytes { raw throws(SystemError) in
                    try Syscall.send(fd, UnsafeRawBufferPointer(rebasing: raw[outputSent...]))
                }
            } catch {
                abort()
                return
            }
            switch result {
            case .done(let count):
                outputSent += count
                lastWriteProgress = loop.now
            case .wouldBlock:
                mayWrite = false
            }
        }
        if outputPending == 0 {
            // Nothing kept at rest: an idle connection holds no output buffer;
            // a modest one goes back to the loop for the next response.
            outputSent = 0
            output.removeAll(keepingCapacity: true)
            returnSpareOutput()
        } else if outputSent >= 1 << 20 {
            output.removeFirst(outputSent)
            outputSent = 0
        }
    }
}
