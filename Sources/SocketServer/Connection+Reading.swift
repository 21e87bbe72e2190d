import CSystemShim
import HTTPCore
import TLSTransport

extension Connection {
    enum ReadOutcome {
        case data(Int)
        case wouldBlock
        case endOfStream
        case failed
    }

    /// One read into the loop's shared buffer. A short read means the socket
    /// is drained (a new arrival raises a new edge), which saves the extra
    /// read that would only return EAGAIN, unless a FIN is already known to be
    /// queued (its edge was consumed with the data's).
    func readRaw() -> ReadOutcome {
        guard mayRead, !peerClosed else { return .wouldBlock }
        do {
            switch try Syscall.read(fd, into: loop.readBuffer) {
            case .wouldBlock:
                mayRead = false
                return .wouldBlock
            case .done(0):
                mayRead = false
                peerClosed = true
                return .endOfStream
            case .done(let count):
                if count < loop.readBuffer.count && !finPending { mayRead = false }
                return .data(count)
            }
        } catch {
            mayRead = false
            peerClosed = true
            return .failed
        }
    }

    /// Reads what the socket has and feeds it (through TLS if any) to the
    /// parser. Returns false when there is nothing more to read for now.
    func readInput() -> Bool {
        if mayRead && readsThisDrive >= Self.readsPerDrive {
            loop.deferDrive(self)
            return false
        }
        readsThisDrive += 1
        switch readRaw() {
        case .wouldBlock:
            if peerClosed { peerWentAway() }
            return false
        case .endOfStream, .failed:
            peerWentAway()
            return false
        case .data(let count):
            let bytes = UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<count])
            if let tls { return feed(tls, bytes) }
            parser.append(bytes)
            return true
        }
    }

    private func feed(_ tls: TLSConnection, _ ciphertext: UnsafeRawBufferPointer) -> Bool {
        if !sentFirstByteCheck {
            sentFirstByteCheck = true
            // A TLS record starts with 0x16 (handshake); anything else is most
            // likely plain HTTP sent to the HTTPS port: say so in plain text.
            if let first = ciphertext.first, !TLSConnection.looksLikeTLSClientHello(firstByte: first) {
                refusePlainHTTP()
                return false
            }
        }
        tls.receiveCiphertext(ciphertext)
        // The ciphertext now sits in OpenSSL's BIO, so the loop's read buffer
        // is free to receive the plaintext: no per-read array to grow.
        var status = TLSReadStatus.needMoreData
        do {
            while true {
                let read = try tls.readPlaintext(into: loop.readBuffer)
                if read.count > 0 { parser.append(UnsafeRawBufferPointer(rebasing: loop.readBuffer[0..<read.count])) }
                status = read.status
                if !read.bufferFull { break }
            }
        } catch {
            if state == .tlsHandshaking {
                context.counters.bump(context.counters.tlsHandshakesFailed)
                context.logger.log(.debug, "TLS handshake with \(info.remoteAddress) failed: \(error)")
            }
            takeTLSOutput(from: tls) // the alert, if OpenSSL produced one
            self.tls = nil // no close_notify after a fatal error
            beginClosing()
            return false
        }
        takeTLSOutput(from: tls)
        if state == .tlsHandshaking && tls.isHandshakeComplete {
            context.counters.bump(context.counters.tlsHandshakesCompleted)
            state = .readingHead
            phaseStart = loop.now
            headStartedAt = loop.now
        }
        if status == .closed { peerClosed = true }
        return true
    }

    private func refusePlainHTTP() {
        context.counters.bump(context.counters.tlsHandshakesFailed)
        tls = nil
        appendRaw(context.plainHTTPOnTLSPortBytes)
        beginClosing()
    }

    /// The peer closed or reset its side: flush what we owe if anything, else close.
    func peerWentAway() {
        switch state {
        case .tlsHandshaking:
            context.counters.bump(context.counters.tlsHandshakesFailed)
            abort()
        case .readingHead, .readingBody, .writing, .closing:
            if outputPending > 0 && state != .closing {
                beginClosing()
            } else if outputPending == 0 {
                abort()
            }
        case .awaitingResponse, .streaming, .closed:
            break
        }
    }

    /// One parser step. Returns false when waiting (for bytes, the responder, or output room).
    func parseNext() -> Bool {
        if state == .readingHead && headStartedAt == 0 && !parserIsBetweenRequests {
            headStartedAt = loop.now
        }
        let event: HTTPParserEvent?
        do {
            event = try parser.next()
        } catch {
            parseFailed(error)
            return true
        }
        guard let event else {
            if continuePending && state == .readingBody {
                continuePending = false
                appendPlaintext(Self.continueBytes)
            }
            return readInput()
        }
        switch event {
        case .head(let requestHead):
            head = requestHead
            body = []
            state = .readingBody
            phaseStart = loop.now
            headStartedAt = 0
            continuePending = requestHead.expectsContinue
        case .body(let bytes):
            if body.isEmpty { body = bytes } else { body.append(contentsOf: bytes) }
        case .end:
            continuePending = false
            dispatch()
        }
        return true
    }

    static let continueBytes = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    private func parseFailed(_ error: HTTPParseError) {
        context.counters.bump(context.counters.parseErrors)
        keepAlive = false
        let response = context.configuration.parseErrorResponse(error.status, error.reason)
        let version = head?.version ?? .http1_1
        head = nil
        let framing = ResponseFraming(response: response, method: nil, version: version, keepAlive: false, date: loop.date.bytes)
        writeResponse(framing)
        beginClosing()
    }

    /// Hands a complete request to the responder. A completion that arrives
    /// while `respond` is still on the stack is parked in `pendingResponse`
    /// and handled right after, iteratively (no recursion through pipelines).
    func dispatch() {
        guard let head else { return }
        state = .awaitingResponse
        if !head.wantsKeepAlive || loop.isShuttingDown { keepAlive = false }
        let request = HTTPRequest(head: head, body: body, connection: info)
        body = []
        let completion = ResponseCompletion(loop: loop, token: token)
        dispatching = true
        context.responder.respond(to: request) { response in completion.complete(response) }
        dispatching = false
        if let response = pendingResponse {
            pendingResponse = nil
            startResponse(response)
        }
    }
}
