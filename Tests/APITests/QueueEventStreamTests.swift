import Foundation
import HTTPTestClient
import Testing

/// `GET /v1/queue/events`: live `queue.changed` events, resuming with `Last-Event-ID`, and
/// keep-alive comments, on both backends.
@Suite("Live queue events", .serialized)
struct QueueEventStreamTests {
    @Test(arguments: APIBackend.available)
    func aNewVisitIsStreamedAndAReconnectGetsWhatItMissed(backend: APIBackend) throws {
        let live = try LiveAPI.withEvents(backend)
        defer { live.stop() }
        let desk = try FrontDesk(live)
        let (stream, head) = try live.openQueueStream(token: desk.plainStaff.token)
        #expect(head.status == 200 && head.header("Content-Type")?.hasPrefix("text/event-stream") == true)
        #expect(head.header("Cache-Control") == "no-cache" && head.header("Content-Encoding") == nil)

        let first = try #require(try desk.visit(try desk.applicant()).object["id"] as? String)
        let received = stream.streamed()
        #expect(received.hasPrefix("retry: 3000\n\n"))
        let events = QueueStreamEvent.parse(received)
        #expect(events.count == 1)
        let event = try #require(events.first)
        #expect(event.data["id"] as? String == first && event.data["status"] as? String == "waiting")
        #expect((event.data["queue_number"] as? String)?.hasPrefix("K-") == true)

        // While nobody listens: a second visit and the first one's cancellation.
        let second = try #require(try desk.visit(try desk.applicant(nik: FrontDesk.nik(2), name: "Sari")).object["id"] as? String)
        #expect(try live.call("POST", "/v1/visits/\(first)/cancel", [String: Any](), token: desk.frontOffice.token).status == 200)

        let (resumed, resumedHead) = try live.openQueueStream(lastEventID: String(event.id))
        #expect(resumedHead.status == 200)
        let missed = QueueStreamEvent.parse(resumed.streamed())
        #expect(missed.map { $0.data["id"] as? String } == [second, first])
        #expect(missed.map { $0.data["status"] as? String } == ["waiting", "cancelled"])
        #expect(missed.allSatisfy { $0.id > event.id } && missed.map(\.id) == missed.map(\.id).sorted())

        // An unknown id replays all of today's events.
        let (replayed, _) = try live.openQueueStream(lastEventID: "999999999")
        #expect(QueueStreamEvent.parse(replayed.streamed()).count == 3)
        #expect(try live.openQueueStream(lastEventID: "abc").1.status == 422)
        #expect(try live.openQueueStream(token: "nonsense").1.status == 401)
    }

    /// Two instances share one database: a subscriber on one sees a change made through the
    /// other, because the queue-event table, not an instance's memory, is the source.
    @Test(arguments: APIBackend.available)
    func changesThroughAnotherInstanceAreStreamed(backend: APIBackend) throws {
        let dataKey = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let first = try LiveAPI.withEvents(backend) { $0.dataKeyBase64 = dataKey }
        defer { first.stop() }
        let url = first.application.configuration.resolvedDatabaseURL
        let second = try LiveAPI.withEvents(backend) {
            $0.dataKeyBase64 = dataKey
            $0.databaseURL = url
        }
        defer { second.stop() }
        let desk = try FrontDesk(first)
        let (stream, head) = try second.openQueueStream(token: desk.plainStaff.token)
        #expect(head.status == 200)
        let visit = try #require(try desk.visit(try desk.applicant()).object["id"] as? String)
        let events = QueueStreamEvent.parse(stream.streamed())
        #expect(events.map { $0.data["id"] as? String } == [visit])
    }

    @Test func keepAliveCommentsFlowWhileNothingChanges() throws {
        let live = try LiveAPI.withEvents(.sqlite, keepAlive: 0.1)
        let (stream, head) = try live.openQueueStream(readTimeout: 3)
        #expect(head.status == 200)
        Thread.sleep(forTimeInterval: 0.6)  // several keep-alive intervals
        live.stop()  // ends the stream, so the read below returns
        let text = String(decoding: stream.readAll(), as: UTF8.self)
        #expect(text.hasPrefix("retry: 3000\n\n"))
        #expect(text.components(separatedBy: ": keep-alive\n\n").count - 1 >= 2)
    }
}
