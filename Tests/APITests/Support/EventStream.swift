@preconcurrency import Glibc
import Application
import Foundation
import HTTPTestClient

extension LiveAPI {
    /// Starts the application with loopback webhooks allowed and short polling intervals.
    static func withEvents(_ backend: APIBackend, keepAlive: Double = 60,
                           also configure: (inout ApplicationConfiguration) -> Void = { _ in }) throws -> LiveAPI {
        try LiveAPI(backend) { configuration in
            configuration.adminToken = LiveAPI.adminToken
            configuration.webhooksAllowLoopbackHTTP = true
            configuration.events.delivery.pollInterval = 0.05
            configuration.events.delivery.retry.firstDelay = 0
            configuration.events.queue.pollInterval = 0.05
            configuration.events.queue.keepAliveInterval = keepAlive
            configure(&configuration)
        }
    }

    /// Opens `GET /v1/queue/events` (HTTP/1.0, so the body is close-delimited) and reads the head.
    func openQueueStream(token: String = LiveAPI.adminToken, lastEventID: String? = nil,
                         readTimeout: Double = 1.5) throws -> (TestClient, TestResponse) {
        let client = try client()
        client.setTimeout(readTimeout)
        var head = "GET /v1/queue/events HTTP/1.0\r\nHost: test\r\nAuthorization: Bearer \(token)\r\n"
        if let lastEventID { head += "Last-Event-ID: \(lastEventID)\r\n" }
        try client.send(head + "\r\n")
        return (client, try client.readResponse(forHead: true))
    }
}

extension TestClient {
    /// What the stream sent within `seconds` (several poll intervals): the read side is then
    /// shut down, so the client reads what already arrived and then sees the end.
    func streamed(within seconds: Double = 0.6) -> String {
        Thread.sleep(forTimeInterval: seconds)
        shutdown(fd, Int32(SHUT_RD))
        return String(decoding: readAll(), as: UTF8.self)
    }
}

/// The `queue.changed` events in a chunk of `text/event-stream`.
struct QueueStreamEvent {
    let id: Int64
    let data: [String: Any]

    static func parse(_ text: String) -> [QueueStreamEvent] {
        text.components(separatedBy: "\n\n").compactMap { block in
            var id: Int64?
            var data: [String: Any]?
            var isQueueChanged = false
            for line in block.split(separator: "\n") {
                if line.hasPrefix("id: ") { id = Int64(line.dropFirst(4)) }
                if line == "event: queue.changed" { isQueueChanged = true }
                if line.hasPrefix("data: ") {
                    data = try? JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any]
                }
            }
            guard isQueueChanged, let id, let data else { return nil }
            return QueueStreamEvent(id: id, data: data)
        }
    }
}
