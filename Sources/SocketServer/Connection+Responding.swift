import HTTPCore

extension Connection {
    /// A responder's completion, on this loop's thread.
    func responseArrived(_ response: HTTPResponse) {
        guard state == .awaitingResponse else { return } // closed meanwhile (shutdown, reset)
        if dispatching {
            pendingResponse = response
            return
        }
        startResponse(response)
        drive()
    }

    /// Queues the response head (and body) with the framing the server owns.
    func startResponse(_ response: HTTPResponse) {
        guard let requestHead = head else { return }
        head = nil
        context.counters.bump(context.counters.requestsServed)
        if response.headers.containsToken("close", in: "Connection") || loop.isShuttingDown { keepAlive = false }
        let framing = ResponseFraming(
            response: response, method: requestHead.method, version: requestHead.version,
            keepAlive: keepAlive, date: loop.date.bytes)
        keepAlive = framing.keepAlive
        writeResponse(framing)
        guard state != .closed else { return }
        switch framing.body {
        case .none, .bytes:
            finishExchange()
        case .stream(let produce):
            let writer = StreamBodyWriter(loop: loop, token: token, chunked: framing.chunked, limit: context.configuration.maxBufferedOutputBytes)
            stream = writer
            state = .streaming
            phaseStart = loop.now
            flush()
            guard state != .closed else {
                writer.markClosed()
                return
            }
            produce(writer)
        }
    }

    /// The response is queued: back to reading the next request, or close.
    func finishExchange() {
        if keepAlive && !peerClosed {
            state = .readingHead
            phaseStart = loop.now
            headStartedAt = 0
        } else {
            beginClosing()
        }
    }

    /// The stream producer wrote, finished, or overflowed its buffer.
    func streamActivity() {
        guard state == .streaming, let stream else { return }
        let taken = stream.take()
        if taken.overflowed {
            // The peer does not read fast enough and the buffer cap is reached.
            context.counters.countTimeout(.write)
            abort()
            return
        }
        if !taken.bytes.isEmpty { appendPlaintext(taken.bytes) }
        guard state == .streaming else { return }
        if outputPending > context.configuration.maxBufferedOutputBytes {
            context.counters.countTimeout(.write)
            abort()
            return
        }
        if taken.finished {
            self.stream = nil
            finishExchange()
        }
        drive()
    }
}
