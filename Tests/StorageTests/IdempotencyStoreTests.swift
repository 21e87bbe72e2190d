import Database
import Foundation
import Storage
import Testing

@Suite struct IdempotencyStoreTests {
    let now = instant("2026-12-03T10:00:00+07:00")
    let response = StoredResponse(statusCode: 201, contentType: "application/json; charset=utf-8",
                                  location: "/v1/staff/abc", etag: "\"1\"", sealedBody: [1, 2, 3, 0, 255])

    func reserve(_ store: KlipsoStore, scope: String = "staff:a", key: String = "k-1", fingerprint: String = "f1",
                 at instant: Date? = nil) throws -> IdempotencyReservation {
        let at = instant ?? now
        return try store.write(requestID: nil, actor: .system) {
            try $0.idempotencyKeys.reserve(scope: scope, key: key, fingerprint: fingerprint, at: at,
                                           expiredBefore: at.addingTimeInterval(-86_400),
                                           abandonedBefore: at.addingTimeInterval(-60))
        }
    }

    @Test(arguments: TestBackends.available)
    func reservationThenCompletionReplays(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            #expect(try reserve(store) == .reserved)
            #expect(try reserve(store) == .inFlight)
            #expect(try reserve(store, fingerprint: "other") == .fingerprintMismatch)
            // Another credential's identical key is its own.
            #expect(try reserve(store, scope: "api_key:b") == .reserved)
            try store.write(requestID: nil, actor: .system) {
                try $0.idempotencyKeys.complete(scope: "staff:a", key: "k-1", response: response)
            }
            #expect(try reserve(store) == .completed(response))
            #expect(try reserve(store, fingerprint: "other") == .fingerprintMismatch)
        }
    }

    @Test(arguments: TestBackends.available)
    func releaseExpiryAbandonmentAndPrune(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            #expect(try reserve(store) == .reserved)
            try store.write(requestID: nil, actor: .system) { try $0.idempotencyKeys.release(scope: "staff:a", key: "k-1") }
            #expect(try reserve(store, fingerprint: "f2") == .reserved)
            // A pending reservation older than the lease was abandoned by a dead instance: taken over.
            #expect(try reserve(store, fingerprint: "f2", at: now.addingTimeInterval(30)) == .inFlight)
            #expect(try reserve(store, fingerprint: "f3", at: now.addingTimeInterval(61)) == .reserved)
            try store.write(requestID: nil, actor: .system) {
                try $0.idempotencyKeys.complete(scope: "staff:a", key: "k-1", response: response)
            }
            // Completed keys are kept for the retention period, then reusable with any body.
            let later = now.addingTimeInterval(61 + 86_000)
            #expect(try reserve(store, fingerprint: "f3", at: later) == .completed(response))
            #expect(try reserve(store, fingerprint: "f4", at: now.addingTimeInterval(61 + 86_401)) == .reserved)

            #expect(try reserve(store, key: "old", at: now.addingTimeInterval(-90_000)) == .reserved)
            let pruned = try store.write(requestID: nil, actor: .system) {
                try $0.idempotencyKeys.prune(before: now.addingTimeInterval(-86_400))
            }
            #expect(pruned == 1)
            #expect(try store.read { try $0.idempotencyKeys.count() } == 1)
        }
    }

    /// Many threads race for one key: exactly one reserves it, on either backend.
    @Test(arguments: TestBackends.available)
    func concurrentReservationsLeaveOneHolder(backend: DatabaseBackend) throws {
        try withTestStore(backend) { _, url in
            let stores = try (0..<2).map { _ in try KlipsoStore.open(url: url) }
            defer { stores.forEach { $0.close() } }
            let at = now
            let results = runOnThreads(8) { index -> IdempotencyReservation? in
                try? stores[index % 2].write(requestID: nil, actor: .system) {
                    try $0.idempotencyKeys.reserve(scope: "staff:a", key: "race", fingerprint: "f", at: at,
                                                   expiredBefore: at.addingTimeInterval(-86_400),
                                                   abandonedBefore: at.addingTimeInterval(-60))
                }
            }
            #expect(results.filter { $0 == .reserved }.count == 1)
            #expect(results.filter { $0 == .inFlight }.count == 7)
        }
    }
}
