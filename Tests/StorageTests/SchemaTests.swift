import Database
import Storage
import Testing

@Suite struct SchemaTests {
    @Test(arguments: TestBackends.available)
    func openingMigratesToTheNewestVersionOnceAndReopens(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, url in
            #expect(try store.schemaVersion() == KlipsoSchema.currentVersion)
            #expect(KlipsoSchema.currentVersion == 6)
            let tables = ["staff", "access_tokens", "api_keys", "login_failures", "head_of_office_tenures",
                          "assignments", "audit_events", "audit_chain_head"]
            for table in tables {
                #expect(try store.pool.read { try $0.queryFirst("SELECT COUNT(*) AS n FROM \(table)")?.int("n") } != nil)
            }
            let again = try KlipsoStore.open(url: url)
            defer { again.close() }
            #expect(try again.schemaVersion() == KlipsoSchema.currentVersion)
            #expect(try again.read { try $0.staffAccounts.count() } == 0)
            #expect(store.isReachable())
        }
    }

    @Test(arguments: TestBackends.available)
    func aNewerSchemaIsRefused(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, url in
            try store.pool.write {
                try $0.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)")
            }
            let error = storeError { try KlipsoStore.open(url: url) }
            #expect(error?.code == .schemaTooNew)
        }
    }

    @Test(arguments: TestBackends.available)
    func readersCannotWrite(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let staff = try makeStaff("reader")
            #expect(throws: StoreError.self) {
                try store.read { try $0.staffAccounts.insert(staff, passwordHash: nil, at: instant("2026-12-03T10:00:00Z")) }
            }
            #expect(try store.read { try $0.staffAccounts.count() } == 0)
        }
    }
}
