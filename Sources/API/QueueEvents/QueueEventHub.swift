import Dispatch
import Foundation
import HTTPCore
import Storage
import Synchronization
import Web

/// How the live queue polls and keeps streams alive; tests shorten both.
public struct QueueEventConfiguration: Sendable {
    /// How often the `queue_events` table is read for new rows.
    public var pollInterval: Double = 0.2
    /// The longest silence on a stream before a `: keep-alive` comment.
    public var keepAliveInterval: Double = 15

    public init() {}
}

/// Fans rows of `queue_events` out to every open `GET /v1/queue/events` stream.
///
/// Why it exists: changes may be made by any instance on the same database, so the table is the
/// source of truth; one poller thread per instance reads what is new and writes it to the
/// subscribed streams, so no worker-pool thread is held per subscriber. Recent events are kept
/// in memory so a subscriber that replayed from the database just before registering misses
/// nothing in between. Streams that report closed are dropped.
public final class QueueEventHub: Sendable {
    private struct Subscriber {
        let writer: any HTTPBodyWriter
        var cursor: Int64
        var lastWrite: ContinuousClock.Instant
    }

    private struct State {
        var running = false
        var polledSeq: Int64 = 0
        var recent: [QueueEvent] = []
        var subscribers: [Int: Subscriber] = [:]
        var nextID = 0
    }

    static let recentLimit = 2000
    private let store: KlipsoStore
    private let configuration: QueueEventConfiguration
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    public init(store: KlipsoStore, configuration: QueueEventConfiguration) {
        self.store = store
        self.configuration = configuration
    }

    /// The number of open streams (for tests and metrics).
    public var subscriberCount: Int { state.withLock { $0.subscribers.count } }

    /// Starts polling from the newest existing event.
    public func start() throws {
        let latest = try store.read { try $0.queueEvents.latestSeq() }
        let started = state.withLock { state -> Bool in
            guard !state.running else { return false }
            state.running = true
            state.polledSeq = latest
            return true
        }
        guard started else { return }
        let thread = Thread { [self] in run() }
        thread.name = "klipso-queue-events"
        thread.start()
    }

    /// Stops polling and ends every stream.
    public func stop(timeout: Double = 5) {
        let subscribers = state.withLock { state -> [Subscriber]? in
            guard state.running else { return nil }
            state.running = false
            defer { state.subscribers = [:] }
            return Array(state.subscribers.values)
        }
        guard let subscribers else { return }
        for subscriber in subscribers { subscriber.writer.finish() }
        wake.signal()
        _ = finished.wait(timeout: .now() + timeout)
    }

    /// Registers `writer`, first writing `preamble` (the `retry:` line and any replay), then
    /// every event after `cursor`. Called on an event-loop thread: does not touch the database.
    func subscribe(_ writer: any HTTPBodyWriter, preamble: [UInt8], cursor: Int64) {
        state.withLock { state in
            guard state.running else {
                writer.write(preamble)
                writer.finish()
                return
            }
            var subscriber = Subscriber(writer: writer, cursor: cursor, lastWrite: .now)
            writer.write(preamble + Self.encode(state.recent, after: &subscriber.cursor))
            state.subscribers[state.nextID] = subscriber
            state.nextID += 1
        }
    }

    private func run() {
        while state.withLock({ $0.running }) {
            poll()
            _ = wake.wait(timeout: .now() + configuration.pollInterval)
        }
        finished.signal()
    }

    private func poll() {
        let after = state.withLock { $0.polledSeq }
        let fresh = (try? store.read { try $0.queueEvents.after(after) }) ?? []
        let keepAlive = Duration.milliseconds(Int64(configuration.keepAliveInterval * 1000))
        state.withLock { state in
            if let last = fresh.last {
                state.polledSeq = last.seq
                state.recent.append(contentsOf: fresh)
                if state.recent.count > Self.recentLimit { state.recent.removeFirst(state.recent.count - Self.recentLimit) }
            }
            let now = ContinuousClock.now
            for (id, var subscriber) in state.subscribers {
                if subscriber.writer.isClosed {
                    state.subscribers[id] = nil
                    continue
                }
                var bytes = Self.encode(fresh, after: &subscriber.cursor)
                if bytes.isEmpty && now - subscriber.lastWrite >= keepAlive { bytes = Array(": keep-alive\n\n".utf8) }
                guard !bytes.isEmpty else { continue }
                subscriber.writer.write(bytes)
                subscriber.lastWrite = now
                state.subscribers[id] = subscriber
            }
        }
    }

    /// The wire form of the events after `cursor`, moving `cursor` past them.
    static func encode(_ events: [QueueEvent], after cursor: inout Int64) -> [UInt8] {
        var bytes: [UInt8] = []
        for event in events where event.seq > cursor {
            bytes += QueueEventFormat.event(event)
            cursor = event.seq
        }
        return bytes
    }
}

/// The `text/event-stream` form of queue events.
enum QueueEventFormat {
    static let retry = Array("retry: 3000\n\n".utf8)

    static func event(_ event: QueueEvent) -> [UInt8] {
        var data = JSONWriter(reservingCapacity: 96)
        data.beginObject()
        data.field("id", event.visitID)
        data.field("queue_number", event.queueNumber)
        data.field("status", event.status)
        data.endObject()
        return Array("id: \(event.seq)\nevent: queue.changed\ndata: ".utf8) + data.bytes + Array("\n\n".utf8)
    }
}
