import HTTPCore
import TLSTransport

extension Connection {
    /// Appends bytes that go to the socket as they are (already ciphertext, or plain HTTP).
    func appendRaw(_ bytes: [UInt8]) {
        if outputPending == 0 { lastWriteProgress = loop.now }
        output.append(contentsOf: bytes)
    }

    /// Moves TLS records waiting in OpenSSL's memory BIO into our output.
    func takeTLSOutput(from tls: TLSConnection) {
        if outputPending == 0 { lastWriteProgress = loop.now }
        tls.takeCiphertext(into: &output)
    }

    /// Appends application bytes, encrypting them first on TLS connections.
    func appendPlaintext(_ bytes: UnsafeRawBufferPointer) {
        guard !bytes.isEmpty, state != .closed else { return }
        guard let tls else {
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

    func writeHead(_ framing: ResponseFraming) {
        if tls == nil {
            if outputPending == 0 { lastWriteProgress = loop.now }
            framing.writeHead(into: &output)
        } else {
            loop.scratch.removeAll(keepingCapacity: true)
            framing.writeHead(into: &loop.scratch)
            loop.scratch.withUnsafeBytes { appendPlaintext($0) }
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
            // Nothing kept at rest: an idle connection holds no output buffer.
            output = []
            outputSent = 0
        } else if outputSent >= 1 << 20 {
            output.removeFirst(outputSent)
            outputSent = 0
        }
    }
}
