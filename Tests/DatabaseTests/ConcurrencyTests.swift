import Foundation
import Testing
@testable import Database

@Suite struct ConcurrencyTests {
    static func makeTable(_ pool: DatabasePool) throws {
        try pool.withConnection { try $0.execute("CREATE TABLE visit (id TEXT PRIMARY KEY, thread BIGINT NOT NULL, seq BIGINT NOT NULL)") }
    }

    /// 200 writes from 16 threads: each committed exactly once; one deliberately
    /// failing unit per thread (a duplicate key) fails alone.
    @Test(arguments: TestBackends.available)
    func concurrentWritesAreEachCommittedOnceAndFailuresStayIsolated(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try Self.makeTable(pool)
            let threads = 16, perThread = 13 // 208 ≥ 200 successful writes
            let failures = ErrorCollector()
            let errors = runOnThreads(threads) { thread in
                for seq in 0..<perThread {
                    try pool.write {
                        try $0.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, ?)",
                                       [.text("\(thread)-\(seq)"), .integer(Int64(thread)), .integer(Int64(seq))])
                    }
                    if seq == perThread / 2 {
                        do {
                            try pool.write { connection in
                                try connection.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, 99)", [.text("\(thread)-extra"), .integer(Int64(thread))])
                                try connection.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, 0)", [.text("\(thread)-0"), .integer(Int64(thread))])
                            }
                        } catch {
                            failures.add(error)
                        }
                    }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            #expect(failures.all.count == threads)
            #expect(failures.all.allSatisfy { ($0 as? DatabaseError)?.kind == .uniqueViolation })
            let rows = try pool.read { try $0.query("SELECT id FROM visit ORDER BY id") }.map { try $0.string("id") }
            let expected = (0..<threads).flatMap { thread in (0..<perThread).map { "\(thread)-\($0)" } }
            #expect(rows == expected.sorted())
        }
    }

    /// Readers run alongside the writer and always see committed, consistent data.
    @Test(arguments: TestBackends.available)
    func readersAndWritersShareThePool(backend: DatabaseBackend) throws {
        var configuration = DatabaseConfiguration()
        configuration.maxConnections = 4
        configuration.sqliteReaderCount = 2
        try withTestDatabase(backend, configuration: configuration) { pool in
            try Self.makeTable(pool)
            let errors = runOnThreads(12) { thread in
                for seq in 0..<20 {
                    if thread.isMultiple(of: 2) {
                        // Two rows per transaction: a reader must never see an odd count.
                        try pool.write { connection in
                            for half in 0..<2 {
                                try connection.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, ?)",
                                                       [.text("\(thread)-\(seq)-\(half)"), .integer(Int64(thread)), .integer(Int64(seq))])
                            }
                        }
                    } else {
                        let count = try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM visit")?.int("c") ?? -1 }
                        if count % 2 != 0 { throw DatabaseError(.other, "reader saw a half-committed transaction: \(count) rows") }
                    }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            #expect(try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM visit")?.int("c") } == 6 * 20 * 2)
        }
    }

    /// SQLite batches concurrent units: far fewer commits than units.
    @Test func sqliteGroupsConcurrentWritesIntoFewerCommits() throws {
        try withTestDatabase(.sqlite) { pool in
            try Self.makeTable(pool)
            let writer = try #require((pool.implementation as? SQLitePool)?.writer)
            let before = writer.statistics
            let errors = runOnThreads(16) { thread in
                for seq in 0..<20 {
                    try pool.write {
                        try $0.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, ?)", [.text("\(thread)-\(seq)"), .integer(Int64(thread)), .integer(Int64(seq))])
                    }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            let after = writer.statistics
            #expect(after.units - before.units == 320)
            #expect(after.commits - before.commits < 320)
            #expect(try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM visit")?.int("c") } == 320)
        }
    }
}

@Suite struct GroupCommitRecoveryTests {
    /// `INSERT OR ROLLBACK` makes SQLite abandon the whole shared transaction:
    /// the writer must re-run the innocent units of that batch, not lose them.
    @Test func aUnitThatAbortsTheWholeBatchDoesNotLoseTheOthers() throws {
        try withTestDatabase(.sqlite) { pool in
            try ConcurrencyTests.makeTable(pool)
            try pool.write { try $0.execute("INSERT INTO visit (id, thread, seq) VALUES ('taken', 0, 0)") }
            let writer = try #require((pool.implementation as? SQLitePool)?.writer)
            let failures = ErrorCollector()
            let errors = runOnThreads(16) { thread in
                for seq in 0..<10 {
                    if seq == 5 && thread.isMultiple(of: 4) {
                        do {
                            try pool.write { try $0.execute("INSERT OR ROLLBACK INTO visit (id, thread, seq) VALUES ('taken', 1, 1)") }
                        } catch {
                            failures.add(error)
                        }
                    }
                    try pool.write {
                        try $0.execute("INSERT INTO visit (id, thread, seq) VALUES (?, ?, ?)", [.text("\(thread)-\(seq)"), .integer(Int64(thread)), .integer(Int64(seq))])
                    }
                }
            }
            #expect(errors.isEmpty, "\(errors)")
            #expect(failures.all.count == 4)
            #expect(writer.statistics.abortedBatches == 4)
            #expect(failures.all.allSatisfy { ($0 as? DatabaseError)?.kind == .uniqueViolation })
            #expect(try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM visit")?.int("c") } == 161)
        }
    }
}
