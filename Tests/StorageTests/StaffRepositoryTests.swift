import Database
import Domain
import Storage
import Testing

@Suite struct StaffRepositoryTests {
    let now = instant("2026-12-03T10:00:00+07:00")

    @Test(arguments: TestBackends.available)
    func insertGetUpdateRoundTrip(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let staff = try makeStaff("siti.rahma", roles: [.reporting, .frontOffice], nip: "198503122010012003")
            try insertStaff(store, staff, at: now)
            let stored = try store.read { try $0.staffAccounts.get(id: staff.id) }
            let byID = try #require(stored)
            #expect(byID.staff == staff)
            #expect(byID.passwordHash == "hash-siti.rahma")
            #expect(byID.createdAt == now && byID.updatedAt == now)
            let byName = try store.read { try $0.staffAccounts.get(username: Username("siti.rahma")) }
            #expect(byName?.staff.id == staff.id)
            #expect(try store.read { try $0.staffAccounts.get(username: Username("nobody")) } == nil)

            var changed = staff
            changed.roles = []
            changed.isActive = false
            changed.name = "Siti R."
            let later = now.addingTimeInterval(60)
            let updated = try store.write(requestID: nil, actor: .system) {
                try $0.staffAccounts.update(changed, newPasswordHash: "new-hash", expectedVersion: 1, at: later)
            }
            #expect(updated?.staff.version == 2)
            #expect(updated?.staff.roles == [] && updated?.staff.isActive == false && updated?.staff.name == "Siti R.")
            #expect(updated?.passwordHash == "new-hash")
            #expect(updated?.updatedAt == later && updated?.createdAt == now)
            // Without a new hash the password is kept.
            let kept = try store.write(requestID: nil, actor: .system) {
                try $0.staffAccounts.update(changed, expectedVersion: 2, at: later)
            }
            #expect(kept?.passwordHash == "new-hash" && kept?.staff.version == 3)
        }
    }

    @Test(arguments: TestBackends.available)
    func staleVersionChangesNothing(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let staff = try insertStaff(store, try makeStaff("budi"))
            var changed = staff
            changed.name = "Budi S."
            let stale = try store.write(requestID: nil, actor: .system) {
                try $0.staffAccounts.update(changed, expectedVersion: 7, at: now)
            }
            #expect(stale == nil)
            let missing = try store.write(requestID: nil, actor: .system) {
                try $0.staffAccounts.update(try makeStaff("ghost"), expectedVersion: 1, at: now)
            }
            #expect(missing == nil)
            #expect(try store.read { try $0.staffAccounts.get(id: staff.id) }?.staff == staff)
        }
    }

    @Test(arguments: TestBackends.available)
    func duplicateUsernameAndNIPAreConflictsNamingTheField(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            try insertStaff(store, try makeStaff("ani", nip: "198503122010012003"))
            let sameName = storeError { try insertStaff(store, try makeStaff("ani")) }
            #expect(sameName?.code == .conflict && sameName?.field == "username")
            let sameNIP = storeError { try insertStaff(store, try makeStaff("ani2", nip: "198503122010012003")) }
            #expect(sameNIP?.code == .conflict && sameNIP?.field == "nip")
            // Updating into a taken username is a conflict too; the failed write left no event.
            let other = try insertStaff(store, try makeStaff("dewi"))
            var renamed = other
            renamed.username = try Username("ani")
            let onUpdate = storeError {
                try store.write(requestID: nil, actor: .system) {
                    try $0.staffAccounts.update(renamed, expectedVersion: 1, at: now)
                }
            }
            #expect(onUpdate?.field == "username")
            #expect(try store.read { try $0.staffAccounts.count() } == 2)
            #expect(try store.read { try $0.audit.count() } == 2)
        }
    }

    @Test(arguments: TestBackends.available)
    func paginationNeverRepeatsOrSkipsWhileRowsAreAdded(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            var expected: [StaffID] = []
            for index in 0..<7 { expected.append(try insertStaff(store, try makeStaff("first-\(index)")).id) }
            var seen: [StaffID] = []
            var cursor: String?
            var pages = 0
            repeat {
                let page = try store.read { try $0.staffAccounts.list(PageRequest(limit: 3, cursor: cursor)) }
                #expect(page.items.count <= 3)
                seen += page.items.map(\.staff.id)
                cursor = page.nextCursor
                pages += 1
                // Rows added between pages sort after every id seen so far (time-ordered ids).
                if pages <= 2 { expected.append(try insertStaff(store, try makeStaff("added-\(pages)")).id) }
            } while cursor != nil && pages < 20
            #expect(seen == expected)
            #expect(Set(seen).count == seen.count)
            #expect(try store.read { try $0.staffAccounts.count() } == 9)
        }
    }

    @Test(arguments: TestBackends.available)
    func limitsAreClampedAndForeignCursorsRefused(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            #expect(PageRequest(limit: 5000).limit == 200)
            #expect(PageRequest(limit: 0).limit == 1)
            try insertStaff(store, try makeStaff("one"))
            try insertStaff(store, try makeStaff("two"))
            let first = try store.read { try $0.staffAccounts.list(PageRequest(limit: 1)) }
            let cursor = try #require(first.nextCursor)
            let error = storeError { try store.read { try $0.audit.list(AuditEventFilter(), PageRequest(cursor: cursor)) } }
            #expect(error?.code == .invalidCursor)
            #expect(storeError { try store.read { try $0.staffAccounts.list(PageRequest(cursor: "%%%")) } }?.code == .invalidCursor)
        }
    }
}
