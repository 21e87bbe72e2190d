import HTTPCore
import Storage
import Web

/// `GET /v1/queue/events`: the live queue as server-sent events.
///
/// The handler (on a worker thread) reads today's events the client missed, then hands the
/// stream to the ``QueueEventHub``, which writes every later change; no thread waits per
/// subscriber. Never gzipped (the compression middleware skips streams) and `no-cache`.
enum QueueEventRoutes {
    static func install(into router: inout Router, services: APIServices, hub: QueueEventHub) {
        router.get("/v1/queue/events") { request, context in
            _ = try context.requireStaffOrScope(QueueRoutes.readScope)
            var lastSeen: Int64?
            if let header = request.headers["Last-Event-ID"]?.trimmingASCIISpaces(), !header.isEmpty {
                guard header.utf8.count <= 19, header.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
                      let value = Int64(header) else {
                    throw HTTPError.unprocessable(fieldErrors: [
                        Web.FieldError(field: "Last-Event-ID", message: "must be a decimal event id")])
                }
                lastSeen = value
            }
            let today = services.clock.today()
            // Everything up to the newest event is settled by the replay (in one snapshot);
            // the hub writes what comes after it.
            let (missed, latest) = try services.store.read { reader in
                (try reader.queueEvents.replay(after: lastSeen, on: today), try reader.queueEvents.latestSeq())
            }
            var replayed: Int64 = 0
            let preamble = QueueEventFormat.retry + QueueEventHub.encode(missed, after: &replayed)
            let start = max(latest, replayed)
            return HTTPResponse(status: .ok, headers: ["Content-Type": "text/event-stream; charset=utf-8",
                                                       "Cache-Control": "no-cache", "X-Accel-Buffering": "no"],
                                body: .stream { writer in hub.subscribe(writer, preamble: preamble, cursor: start) })
        }
    }
}
