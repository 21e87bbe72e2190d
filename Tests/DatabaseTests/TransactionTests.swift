import Testing
@testable import Database

struct Rejected: Error {}

@Suite struct TransactionTests {
    static func makeTable(_ pool: DatabasePool) throws {
        try pool.withConnection { try $0.execute("CREATE TABLE item (id TEXT PRIMARY KEY, n BIGINT NOT NULL)") }
    }

    static func count(_ pool: DatabasePool, where condition: String = "1 = 1", _ parameters: [SQLValue] = []) throws -> Int64 {
        try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM item WHERE \(condition)", parameters)?.int("c") ?? -1 }
    }

    @Test(arguments: TestBackends.available)
    func aThrowingWriteLeavesNothingBehind(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            #expect(throws: Rejected.self) {
                try pool.write { connection in
                    try connection.execute("INSERT INTO item (id, n) VALUES ('a', 1)")
                    #expect(connection.isInTransaction)
                    throw Rejected()
                }
            }
            #expect(try Self.count(pool) == 0)
            try pool.write { try $0.execute("INSERT INTO item (id, n) VALUES ('b', 1)") }
            #expect(try Self.count(pool) == 1)
        }
    }

    @Test(arguments: TestBackends.available)
    func explicitTransactionsCommitAndRollBack(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            try pool.withConnection { connection in
                try connection.transaction { try $0.execute("INSERT INTO item (id, n) VALUES ('kept', 1)") }
                #expect(throws: Rejected.self) {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO item (id, n) VALUES ('lost', 1)")
                        throw Rejected()
                    }
                }
                #expect(!connection.isInTransaction)
            }
            #expect(try Self.count(pool) == 1)
            #expect(try Self.count(pool, where: "id = ?", ["kept"]) == 1)
        }
    }

    @Test(arguments: TestBackends.available)
    func nestedTransactionsAreSavepoints(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            try pool.write { connection in
                try connection.execute("INSERT INTO item (id, n) VALUES ('outer', 1)")
                #expect(throws: DatabaseError.self) {
                    try connection.transaction { connection in
                        try connection.execute("INSERT INTO item (id, n) VALUES ('inner', 1)")
                        try connection.execute("INSERT INTO item (id, n) VALUES ('outer', 2)") // duplicate: fails
                    }
                }
                // PostgreSQL's transaction is usable again after ROLLBACK TO SAVEPOINT.
                try connection.execute("INSERT INTO item (id, n) VALUES ('after', 1)")
            }
            #expect(try pool.read { try $0.query("SELECT id FROM item ORDER BY id").map { try $0.string("id") } } == ["after", "outer"])
        }
    }

    @Test(arguments: TestBackends.available)
    func aSwallowedErrorStillPreventsAPartialCommitOnPostgres(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            try pool.write { try $0.execute("INSERT INTO item (id, n) VALUES ('a', 1)") }
            let outcome = errorKind {
                try pool.write { connection in
                    try connection.execute("INSERT INTO item (id, n) VALUES ('b', 1)")
                    _ = try? connection.execute("INSERT INTO item (id, n) VALUES ('a', 1)")
                }
            }
            switch backend {
            case .postgres:
                // PostgreSQL aborted the transaction: the swallowed error resurfaces and 'b' is not kept.
                #expect(outcome == .uniqueViolation)
                #expect(try Self.count(pool) == 1)
            case .sqlite:
                // SQLite only undid the failed statement: the rest commits.
                #expect(outcome == nil)
                #expect(try Self.count(pool) == 2)
            }
        }
    }

    /// Serializable read-modify-write from many threads: only correct if
    /// serialization failures are retried (PostgreSQL) or writers serialised (SQLite).
    @Test(arguments: TestBackends.available)
    func serializationFailuresAreRetried(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            try pool.write { try $0.execute("INSERT INTO item (id, n) VALUES ('counter', 0)") }
            let options = TransactionOptions(isolation: .serializable, maxAttempts: 200)
            let errors = runOnThreads(6) { _ in
                for _ in 0..<10 {
                    try pool.write(options) { connection in
                        let current = try connection.queryFirst("SELECT n FROM item WHERE id = 'counter'")?.int("n") ?? -1
                        try connection.execute("UPDATE item SET n = ? WHERE id = 'counter'", [.integer(current + 1)])
                    }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            #expect(try pool.read { try $0.queryFirst("SELECT n FROM item WHERE id = 'counter'")?.int("n") } == 60)
        }
    }
}
