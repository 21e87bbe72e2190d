import Testing
@testable import Database

@Suite struct StatementAndErrorTests {
    static func makeSchema(_ pool: DatabasePool) throws {
        try pool.withConnection { connection in
            try connection.execute("CREATE TABLE office (id TEXT PRIMARY KEY, code TEXT NOT NULL, CONSTRAINT office_code_key UNIQUE (code))")
            try connection.execute("""
                CREATE TABLE officer (id TEXT PRIMARY KEY, office_id TEXT NOT NULL REFERENCES office (id),
                    grade BIGINT NOT NULL CONSTRAINT officer_grade_check CHECK (grade BETWEEN 1 AND 9))
                """)
        }
    }

    @Test(arguments: TestBackends.available)
    func questionMarksInsideLiteralsAreNotPlaceholders(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            let row = try #require(try pool.read {
                try $0.queryFirst("SELECT '?' AS literal, 'it''s ?' AS escaped, ? AS bound /* ? */", ["value"])
            })
            #expect(row.values == [.text("?"), .text("it's ?"), .text("value")])
        }
    }

    @Test(arguments: TestBackends.available)
    func parameterCountMismatchIsMisuse(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            #expect(errorKind { _ = try pool.read { try $0.query("SELECT ?, ?", [1]) } } == .misuse)
        }
    }

    @Test(arguments: TestBackends.available)
    func executeReportsRowsAffected(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeSchema(pool)
            let inserted = try pool.write { connection in
                try (1...3).reduce(0) { sum, index in
                    sum + (try connection.execute("INSERT INTO office (id, code) VALUES (?, ?)", [.text("o\(index)"), .text("C\(index)")]))
                }
            }
            #expect(inserted == 3)
            #expect(try pool.write { try $0.execute("UPDATE office SET code = code || 'x' WHERE id <> ?", ["o1"]) } == 2)
            #expect(try pool.write { try $0.execute("DELETE FROM office WHERE id = ?", ["absent"]) } == 0)
            #expect(try pool.withConnection { try $0.execute("CREATE TABLE extra (id TEXT)") } == 0)
        }
    }

    @Test(arguments: TestBackends.available)
    func constraintViolationsMapToKinds(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeSchema(pool)
            try pool.write { try $0.execute("INSERT INTO office (id, code) VALUES ('o1', 'OKU')") }

            let duplicate = #expect(throws: DatabaseError.self) {
                try pool.write { try $0.execute("INSERT INTO office (id, code) VALUES (?, ?)", ["o2", "OKU"]) }
            }
            #expect(duplicate?.kind == .uniqueViolation)
            #expect(duplicate?.constraint?.isEmpty == false)
            if backend == .postgres { #expect(duplicate?.constraint == "office_code_key") }

            #expect(errorKind { try pool.write { try $0.execute("INSERT INTO office (id, code) VALUES ('o1', 'X')") } } == .uniqueViolation)
            #expect(errorKind { try pool.write { try $0.execute("INSERT INTO officer (id, office_id, grade) VALUES ('p', 'nowhere', 3)") } } == .foreignKeyViolation)
            #expect(errorKind { try pool.write { try $0.execute("INSERT INTO officer (id, office_id, grade) VALUES ('p', 'o1', 42)") } } == .checkViolation)
            #expect(errorKind { try pool.write { try $0.execute("INSERT INTO office (id, code) VALUES ('o3', NULL)") } } == .notNullViolation)
            #expect(errorKind { try pool.write { try $0.execute("SELEC nonsense") } } == .other)
        }
    }

    @Test(arguments: TestBackends.available)
    func evictedPreparedStatementsKeepWorking(backend: DatabaseBackend) throws {
        var configuration = DatabaseConfiguration()
        configuration.statementCacheCapacity = 2
        configuration.maxConnections = 1
        try withTestDatabase(backend, configuration: configuration) { pool in
            for round in 0..<3 {
                for offset in 0..<8 {
                    let sql = "SELECT ? + \(offset) AS total"
                    let total = try pool.read { try $0.queryFirst(sql, [.integer(Int64(round))])?.int("total") }
                    #expect(total == Int64(round + offset))
                }
            }
        }
    }

    @Test func errorMappingTables() {
        #expect(PostgresErrorMapping.kind(sqlState: "23505", connectionBroken: false) == .uniqueViolation)
        #expect(PostgresErrorMapping.kind(sqlState: "40P01", connectionBroken: false) == .serializationFailure)
        #expect(PostgresErrorMapping.kind(sqlState: "08006", connectionBroken: false) == .unavailable)
        #expect(PostgresErrorMapping.kind(sqlState: "57P01", connectionBroken: false) == .unavailable)
        #expect(PostgresErrorMapping.kind(sqlState: nil, connectionBroken: true) == .unavailable)
        #expect(PostgresErrorMapping.kind(sqlState: "42601", connectionBroken: false) == .other)
        #expect(SQLiteErrorMapping.kind(for: 1555) == .uniqueViolation)
        #expect(SQLiteErrorMapping.kind(for: 5 | (2 << 8)) == .serializationFailure)
        #expect(SQLiteErrorMapping.kind(for: 14) == .unavailable)
    }

    @Test func locationsSelectTheBackend() throws {
        #expect(try DatabaseLocation(url: "sqlite:///var/lib/klipso/db.sqlite") == .sqlite(path: "/var/lib/klipso/db.sqlite"))
        #expect(try DatabaseLocation(url: "data/klipso.db") == .sqlite(path: "data/klipso.db"))
        #expect(try DatabaseLocation(url: "postgres://u@127.0.0.1/db").backend == .postgres)
        #expect(try DatabaseLocation(url: "postgresql://u@127.0.0.1:5433/db?sslmode=disable") == .postgres(conninfo: "postgresql://u@127.0.0.1:5433/db?sslmode=disable"))
        #expect(throws: DatabaseError.self) { try DatabaseLocation(url: "mysql://x") }
        #expect(throws: DatabaseError.self) { try DatabaseLocation(url: "sqlite://relative.db") }
    }

    @Test func unreachablePostgresIsUnavailable() throws {
        var configuration = DatabaseConfiguration()
        configuration.connectTimeoutSeconds = 2
        let pool = try DatabasePool.open(url: "postgresql://postgres@127.0.0.1:1/postgres", configuration: configuration)
        defer { pool.close() }
        #expect(errorKind { _ = try pool.read { try $0.query("SELECT 1") } } == .unavailable)
        #expect(errorKind { try pool.write { try $0.execute("SELECT 1") } } == .unavailable)
    }

    @Test(arguments: TestBackends.available)
    func closedPoolIsUnavailable(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            pool.close()
            #expect(errorKind { _ = try pool.read { try $0.query("SELECT 1") } } == .unavailable)
            #expect(errorKind { try pool.write { try $0.execute("SELECT 1") } } == .unavailable)
        }
    }
}

@Suite struct SchemaChangeTests {
    @Test(arguments: TestBackends.available)
    func cachedStatementsSurviveSchemaChanges(backend: DatabaseBackend) throws {
        var configuration = DatabaseConfiguration()
        configuration.maxConnections = 1
        try withTestDatabase(backend, configuration: configuration) { pool in
            try pool.withConnection { try $0.execute("CREATE TABLE item (id TEXT PRIMARY KEY)") }
            try pool.write { try $0.execute("INSERT INTO item (id) VALUES ('a')") }
            #expect(try pool.read { try $0.queryFirst("SELECT * FROM item")?.values } == [.text("a")])
            try pool.withConnection { try $0.execute("ALTER TABLE item ADD COLUMN n BIGINT NOT NULL DEFAULT 7") }
            #expect(try pool.read { try $0.queryFirst("SELECT * FROM item")?.values } == [.text("a"), .integer(7)])
        }
    }

    /// A write submitted from inside `withConnection` (SQLite: the writer
    /// connection held exclusively) must not deadlock.
    @Test(arguments: TestBackends.available)
    func aWriteInsideWithConnectionCompletes(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try pool.withConnection { connection in
                try connection.execute("CREATE TABLE item (id TEXT PRIMARY KEY)")
                try pool.write { try $0.execute("INSERT INTO item (id) VALUES ('nested')") }
            }
            #expect(try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM item")?.int("c") } == 1)
        }
    }
}
