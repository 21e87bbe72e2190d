import Cryptography
import Database
import Domain
import Foundation
import Storage
import Testing

@Suite struct CredentialTests {
    let now = instant("2026-12-03T10:00:00+07:00")

    @Test(arguments: TestBackends.available)
    func tokenLookupFindsOnlyLiveTokens(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let staff = try insertStaff(store, try makeStaff("petugas", roles: [.frontOffice]))
            let live = TokenDigest.sha256(AccessToken.generate())
            let expired = TokenDigest.sha256(AccessToken.generate())
            let revoked = TokenDigest.sha256(AccessToken.generate())
            try store.write(requestID: nil, actor: .system) { writer in
                try writer.accessTokens.insert(digest: live, staffID: staff.id, createdAt: now,
                                               expiresAt: now.addingTimeInterval(3600))
                try writer.accessTokens.insert(digest: expired, staffID: staff.id, createdAt: now.addingTimeInterval(-7200),
                                               expiresAt: now.addingTimeInterval(-1))
                try writer.accessTokens.insert(digest: revoked, staffID: staff.id, createdAt: now,
                                               expiresAt: now.addingTimeInterval(3600))
                #expect(try writer.accessTokens.revoke(digest: revoked, at: now))
                #expect(try !writer.accessTokens.revoke(digest: revoked, at: now))
            }
            let grant = try store.read { try $0.accessTokens.lookup(digest: live, at: now) }
            #expect(grant?.staff == staff)
            #expect(grant?.expiresAt == now.addingTimeInterval(3600))
            #expect(try store.read { try $0.accessTokens.lookup(digest: expired, at: now) } == nil)
            #expect(try store.read { try $0.accessTokens.lookup(digest: revoked, at: now) } == nil)
            #expect(try store.read { try $0.accessTokens.lookup(digest: SHA256.hexDigest("unknown"), at: now) } == nil)
            // The live token stops working at its expiry instant.
            #expect(try store.read { try $0.accessTokens.lookup(digest: live, at: now.addingTimeInterval(3600)) } == nil)

            let revokedCount = try store.write(requestID: nil, actor: .system) {
                try $0.accessTokens.revokeAll(staffID: staff.id, at: now)
            }
            #expect(revokedCount == 2)  // the live and the expired one
            #expect(try store.read { try $0.accessTokens.lookup(digest: live, at: now) } == nil)
            let deleted = try store.write(requestID: nil, actor: .system) { try $0.accessTokens.deleteExpired(before: now) }
            #expect(deleted == 1)
        }
    }

    @Test(arguments: TestBackends.available)
    func apiKeysLookupListRevoke(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let admin = try insertStaff(store, try makeStaff("admin", roles: [.admin]))
            let keys = (0..<3).map { index in
                APIKey(id: testIDs.next(), name: "e-PTSP \(index)", scopes: ["visits:read", "applicants:read", "visits:read"],
                       createdBy: admin.id, createdAt: now)
            }
            try store.write(requestID: nil, actor: .staff(admin.id)) { writer in
                for (index, key) in keys.enumerated() { try writer.apiKeys.insert(key, digest: "digest-\(index)") }
            }
            #expect(keys[0].scopes == ["applicants:read", "visits:read"])
            let found = try store.read { try $0.apiKeys.lookup(digest: "digest-1") }
            #expect(found == keys[1])
            #expect(found?.hasScope("visits:read") == true && found?.hasScope("visits:write") == false)

            let duplicate = storeError {
                try store.write(requestID: nil, actor: .system) { writer in
                    try writer.apiKeys.insert(APIKey(id: testIDs.next(), name: "copy", scopes: [], createdBy: nil, createdAt: now),
                                              digest: "digest-1")
                }
            }
            #expect(duplicate?.code == .conflict && duplicate?.field == "digest")

            let later = now.addingTimeInterval(30)
            try store.write(requestID: nil, actor: .system) { writer in
                #expect(try writer.apiKeys.revoke(id: keys[1].id, at: later))
                try writer.apiKeys.markUsed(id: keys[0].id, at: later)
                try writer.apiKeys.markUsed(id: keys[0].id, at: now)
            }
            #expect(try store.read { try $0.apiKeys.lookup(digest: "digest-1") } == nil)
            #expect(try store.read { try $0.apiKeys.get(id: keys[1].id) }?.revokedAt == later)
            #expect(try store.read { try $0.apiKeys.get(id: keys[0].id) }?.lastUsedAt == later)

            let first = try store.read { try $0.apiKeys.list(PageRequest(limit: 2)) }
            let second = try store.read { try $0.apiKeys.list(PageRequest(limit: 2, cursor: first.nextCursor)) }
            #expect((first.items + second.items).map(\.id) == keys.map(\.id))
            #expect(second.nextCursor == nil)
        }
    }

    @Test(arguments: TestBackends.available)
    func loginFailuresCountPerKeyAndMinute(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let windowStart = instant("2026-12-03T03:00:00Z")
            let counts = try store.write(requestID: nil, actor: .system) { writer in
                try (0..<3).map { try writer.loginFailures.recordFailure(key: "user:ani", at: windowStart.addingTimeInterval(Double($0) * 10)) }
            }
            #expect(counts == [1, 2, 3])
            try store.write(requestID: nil, actor: .system) { writer in
                try writer.loginFailures.recordFailure(key: "ip:127.0.0.1", at: windowStart)
                // The next minute starts a new window.
                #expect(try writer.loginFailures.recordFailure(key: "user:ani", at: windowStart.addingTimeInterval(60)) == 1)
            }
            try store.read { reader throws in
                #expect(try reader.loginFailures.failureCount(key: "user:ani", at: windowStart.addingTimeInterval(59.9)) == 3)
                #expect(try reader.loginFailures.failureCount(key: "user:ani", at: windowStart.addingTimeInterval(61)) == 1)
                #expect(try reader.loginFailures.recentFailureCount(key: "user:ani", since: windowStart) == 4)
                #expect(try reader.loginFailures.failureCount(key: "ip:127.0.0.1", at: windowStart) == 1)
                #expect(try reader.loginFailures.failureCount(key: "user:nobody", at: windowStart) == 0)
            }
            #expect(LoginFailureRepository.windowEnd(containing: windowStart.addingTimeInterval(15)) == windowStart.addingTimeInterval(60))
            // Keys are stored only as digests.
            let keys = try store.pool.read { try $0.query("SELECT bucket_key FROM login_failures").map { try $0.string(0) } }
            #expect(!keys.contains { $0.contains("ani") || $0.contains("127.0.0.1") })
            let pruned = try store.write(requestID: nil, actor: .system) {
                try $0.loginFailures.prune(before: windowStart.addingTimeInterval(60))
            }
            #expect(pruned == 2)
            #expect(try store.read { try $0.loginFailures.recentFailureCount(key: "user:ani", since: windowStart) } == 1)
        }
    }

    @Test(arguments: TestBackends.available)
    func concurrentFailuresLoseNoIncrement(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let at = instant("2026-12-03T03:00:30Z")
            let results = runOnThreads(8) { _ -> Int? in
                try? store.write(requestID: nil, actor: .system) { try $0.loginFailures.recordFailure(key: "user:x", at: at) }
            }
            #expect(results.compactMap { $0 ?? nil }.sorted() == Array(1...8))
            let total = try store.read { try $0.loginFailures.failureCount(key: "user:x", at: at) }
            #expect(total == 8)
        }
    }
}
