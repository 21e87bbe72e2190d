import Testing
@testable import Database

@Suite struct MigratorTests {
    static let migrations = [
        Migration(version: 1, name: "create office", sql: ["CREATE TABLE office (id TEXT PRIMARY KEY, name TEXT NOT NULL)"]),
        Migration(version: 2, name: "add logo", sqlite: ["ALTER TABLE office ADD COLUMN logo BLOB"],
                  postgres: ["ALTER TABLE office ADD COLUMN logo BYTEA"]),
    ]

    @Test(arguments: TestBackends.available)
    func appliesPendingMigrationsOnceInOrder(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool throws in
            #expect(try Migrator.currentVersion(pool) == 0)
            #expect(try Migrator.migrate(pool, [Self.migrations[0]]) == [1])
            #expect(try Migrator.currentVersion(pool) == 1)
            #expect(try Migrator.migrate(pool, Self.migrations) == [2])
            #expect(try Migrator.migrate(pool, Self.migrations) == [])
            #expect(try Migrator.currentVersion(pool) == 2)
            try pool.write { try $0.execute("INSERT INTO office (id, name, logo) VALUES ('o', 'OKU', ?)", [.blob([1, 2])]) }
            let rows = try pool.read { try $0.query("SELECT version, name, applied_at FROM schema_migrations ORDER BY version") }
            #expect(try rows.map { try $0.int("version") } == [1, 2])
            #expect(try rows.map { try $0.string("name") } == ["create office", "add logo"])
            #expect(try rows.allSatisfy { try $0.int("applied_at") > 1_600_000_000_000_000 })
        }
    }

    @Test(arguments: TestBackends.available)
    func aFailingMigrationLeavesNoTrace(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool throws in
            let broken = Migration(version: 3, name: "broken", sql: ["CREATE TABLE half (id TEXT)", "THIS IS NOT SQL"])
            let error = #expect(throws: DatabaseError.self) { try Migrator.migrate(pool, Self.migrations + [broken]) }
            #expect(error?.message.contains("migration 3 'broken'") == true)
            #expect(try Migrator.currentVersion(pool) == 2)
            // The table created by the failed step's first statement was rolled back with it.
            #expect(throws: DatabaseError.self) { try pool.read { try $0.query("SELECT * FROM half") } }
        }
    }

    @Test(arguments: TestBackends.available)
    func refusesASchemaNewerThanItKnows(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool throws in
            try Migrator.migrate(pool, Self.migrations)
            try pool.write { try $0.execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (7, 'from the future', 0)") }
            let error = #expect(throws: DatabaseError.self) { try Migrator.migrate(pool, Self.migrations) }
            #expect(error?.kind == .schemaTooNew)
            #expect(try Migrator.currentVersion(pool) == 7)
        }
    }

    @Test(arguments: TestBackends.available)
    func concurrentMigratorsApplyEachStepOnce(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool throws in
            let errors = runOnThreads(4) { _ in try Migrator.migrate(pool, Self.migrations) }
            #expect(errors.isEmpty, "\(errors)")
            #expect(try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM schema_migrations")?.int("c") } == 2)
        }
    }

    @Test func rejectsDuplicateVersions() throws {
        try withTestDatabase(.sqlite) { pool in
            let error = #expect(throws: DatabaseError.self) { try Migrator.migrate(pool, Self.migrations + [Self.migrations[0]]) }
            #expect(error?.kind == .misuse)
        }
    }
}
