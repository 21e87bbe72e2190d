import Database
import Domain
import Foundation
import Storage
import Testing

/// The outbox hook in `StoreWriter.record`, fan-out, claims, per-resource order and retries.
@Suite("Event outbox and webhook deliveries")
struct EventOutboxTests {
    struct Rollback: Error {}
    static let now = ISO8601DateFormatter().date(from: "2026-12-03T03:00:00Z")!

    static func assignmentSummary(_ id: String, _ action: String = "assignment.created", status: String = "active") -> AuditSummary {
        AuditSummary(action: AuditAction(rawValue: action), resourceType: "assignment", resourceID: id, actorID: nil,
                     occurredAt: now, before: nil,
                     after: ["officer_id": "officer-1", "status": status, "decree_number": "800/1/KPTS/2026"])
    }

    @Test(arguments: TestBackends.available)
    func anEventIsWrittenOnlyWhenItsChangeCommits(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            #expect(throws: Rollback.self) {
                try store.write(requestID: nil, actor: .system) { writer in
                    try writer.record(Self.assignmentSummary("a-rolled-back"))
                    throw Rollback()
                }
            }
            #expect(try store.read { try $0.outbox.count() } == 0)
            try store.write(requestID: nil, actor: .system) { try $0.record(Self.assignmentSummary("a-1")) }
            // Not webhook-worthy: no event.
            try store.write(requestID: nil, actor: .system) { writer in
                try writer.record(AuditSummary(action: AuditAction(rawValue: "staff.created"), resourceType: "staff",
                                               resourceID: "s-1", actorID: nil, occurredAt: Self.now, before: nil,
                                               after: ["roles": "admin"]))
            }
            let events = try store.read { try $0.outbox.after(0) }
            #expect(events.count == 1)
            let event = try #require(events.first)
            #expect(event.type == "assignment.created" && event.resourceID == "a-1")
            // Ids and states only: the decree number is not copied.
            #expect(event.dataJSON == #"{"assignment_id":"a-1","officer_id":"officer-1","status":"active"}"#)
        }
    }

    @Test(arguments: TestBackends.available)
    func deliveriesOfOneResourceGoInOrderAndFailuresAreRetried(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let hook = WebhookRecord(id: "w-1", url: "https://example.com/hook", events: ["assignment.created", "assignment.revoked"],
                                     sealedSecret: [1, 2, 3], createdAt: Self.now.addingTimeInterval(-60),
                                     updatedAt: Self.now.addingTimeInterval(-60))
            let ignoring = WebhookRecord(id: "w-2", url: "https://example.com/other", events: ["visit.routed"],
                                         sealedSecret: [4], createdAt: Self.now.addingTimeInterval(-60),
                                         updatedAt: Self.now.addingTimeInterval(-60))
            try store.write(requestID: nil, actor: .system) { writer in
                try writer.webhooks.insert(hook)
                try writer.webhooks.insert(ignoring)
            }
            try store.write(requestID: nil, actor: .system) { try $0.record(Self.assignmentSummary("a-1")) }
            try store.write(requestID: nil, actor: .system) {
                try $0.record(Self.assignmentSummary("a-1", "assignment.revoked", status: "revoked"))
            }
            try store.write(requestID: nil, actor: .system) { try $0.record(Self.assignmentSummary("a-2")) }
            let policy = DeliveryRetryPolicy(firstDelay: 5, maximumDelay: 600, giveUpAfter: 3 * 86_400)

            let first = try store.write(requestID: nil, actor: .system) { writer in
                #expect(try writer.webhookDeliveries.fanOut(now: Self.now) == 3)
                return try writer.webhookDeliveries.claim(now: Self.now, limit: 10, lease: 60, token: "t1")
            }
            // a-1's revocation waits for its creation; a-2 is independent; w-2 gets nothing.
            #expect(first.map(\.event.resourceID) == ["a-1", "a-2"])
            #expect(first.allSatisfy { $0.webhookID == "w-1" && $0.url == hook.url && $0.sealedSecret == [1, 2, 3] })
            // Claimed rows are not claimed again while leased.
            let whileLeased = try store.write(requestID: nil, actor: .system) {
                try $0.webhookDeliveries.claim(now: Self.now, limit: 10, lease: 60, token: "t2")
            }
            #expect(whileLeased.isEmpty)

            try store.write(requestID: nil, actor: .system) { writer in
                try writer.webhookDeliveries.finish(first[0], result: DeliveryAttemptResult(statusCode: 500, error: "HTTP 500 from receiver"),
                                                    now: Self.now, policy: policy)
                try writer.webhookDeliveries.finish(first[1], result: DeliveryAttemptResult(statusCode: 204, error: nil),
                                                    now: Self.now, policy: policy)
            }
            let listed = try store.read { try $0.webhookDeliveries.list(webhookID: "w-1", PageRequest()) }.items
            let failed = try #require(listed.first { $0.id == first[0].deliveryID })
            #expect(failed.status == "pending" && failed.attempts == 1 && failed.lastStatusCode == 500)
            #expect(failed.nextAttemptAt == Self.now.addingTimeInterval(5) && failed.lastError == "HTTP 500 from receiver")
            let delivered = try #require(listed.first { $0.id == first[1].deliveryID })
            #expect(delivered.status == "delivered" && delivered.deliveredAt == Self.now && delivered.nextAttemptAt == nil)

            // Not due before the backoff; then a-1's creation again, still ahead of its revocation.
            let early = try store.write(requestID: nil, actor: .system) {
                try $0.webhookDeliveries.claim(now: Self.now.addingTimeInterval(4), limit: 10, lease: 60, token: "t3")
            }
            #expect(early.isEmpty)
            let retried = try store.write(requestID: nil, actor: .system) {
                try $0.webhookDeliveries.claim(now: Self.now.addingTimeInterval(5), limit: 10, lease: 60, token: "t4")
            }
            #expect(retried.map(\.event.type) == ["assignment.created"])
            #expect(retried.first?.attempts == 1)
        }
    }

    @Test func backoffDoublesFromFiveSecondsUpToTenMinutes() {
        let policy = DeliveryRetryPolicy()
        #expect((1...9).map { policy.delay(afterAttempts: $0) } == [5, 10, 20, 40, 80, 160, 320, 600, 600])
    }
}
