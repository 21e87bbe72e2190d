import Testing
@testable import Database

@Suite struct PostgresReconnectTests {
    static func kill(backendOf pool: DatabasePool, using admin: DatabasePool) throws -> Int64 {
        let pid = try #require(try pool.read { try $0.queryFirst("SELECT pg_backend_pid() AS pid")?.int("pid") })
        let killed = try admin.read { try $0.queryFirst("SELECT pg_terminate_backend(?::int, 5000) AS ok", [.integer(pid)])?.bool("ok") }
        #expect(killed == true) // true only once the backend has exited (waits up to 5 s)
        return pid
    }

    /// After the server kills our connection, the next call either reconnects
    /// transparently or fails `unavailable`; the one after that succeeds.
    @Test(arguments: TestBackends.postgresOnly)
    func aKilledConnectionIsReplaced(backend: DatabaseBackend) throws {
        var configuration = DatabaseConfiguration()
        configuration.maxConnections = 1 // so the killed connection is the one reused
        try withTestDatabase(backend, configuration: configuration) { pool in
            let admin = try DatabasePool.open(url: try #require(TestBackends.postgresURL))
            defer { admin.close() }
            try pool.withConnection { try $0.execute("CREATE TABLE item (id TEXT PRIMARY KEY)") }

            for step in ["read", "write", "withConnection"] {
                let oldPID = try Self.kill(backendOf: pool, using: admin)
                let first = errorKind {
                    switch step {
                    case "read": _ = try pool.read { try $0.query("SELECT 1") }
                    case "write": try pool.write { try $0.execute("INSERT INTO item (id) VALUES (?)", [.text(step)]) }
                    default: try pool.withConnection { try $0.execute("INSERT INTO item (id) VALUES (?)", [.text(step)]) }
                    }
                }
                #expect(first == nil || first == .unavailable, "\(step): \(String(describing: first))")
                let newPID = try pool.read { try $0.queryFirst("SELECT pg_backend_pid() AS pid")?.int("pid") }
                #expect(newPID != oldPID)
                if step != "read" && first != nil {
                    try pool.write { try $0.execute("INSERT INTO item (id) VALUES (?)", [.text(step)]) }
                }
            }
            // Reads and writes through BEGIN reconnect without surfacing an error.
            #expect(try pool.read { try $0.query("SELECT id FROM item ORDER BY id").map { try $0.string("id") } } == ["withConnection", "write"])
        }
    }

    /// A connection returned mid-transaction is rolled back before reuse.
    @Test(arguments: TestBackends.postgresOnly)
    func aConnectionIsNeverHandedOutInsideATransaction(backend: DatabaseBackend) throws {
        var configuration = DatabaseConfiguration()
        configuration.maxConnections = 1
        try withTestDatabase(backend, configuration: configuration) { pool in
            try pool.withConnection { connection in
                try connection.execute("CREATE TABLE item (id TEXT PRIMARY KEY)")
                try connection.execute("BEGIN")
                try connection.execute("INSERT INTO item (id) VALUES ('x')")
                _ = try? connection.execute("SELECT broken syntax here")
            }
            let count = try pool.withConnection { connection in
                try connection.queryFirst("SELECT COUNT(*) AS c FROM item")?.int("c")
            }
            #expect(count == 0)
        }
    }
}
