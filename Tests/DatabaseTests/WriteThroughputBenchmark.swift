import Foundation
import Testing
@testable import Database

/// Ad-hoc measurement, not a correctness test: runs only with `KLIPSO_DB_BENCH=1`.
/// 16 threads × 500 single-row inserts, each its own durable `pool.write`.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["KLIPSO_DB_BENCH"] == "1"))
struct WriteThroughputBenchmark {
    static let threads = 16, perThread = 500

    @Test(arguments: TestBackends.available)
    func durableSingleRowInserts(backend: DatabaseBackend) throws {
        for prepared in backend == .postgres ? [true, false] : [true] {
            var configuration = DatabaseConfiguration()
            configuration.postgresPreparedStatements = prepared
            try withTestDatabase(backend, configuration: configuration) { pool in
                try pool.withConnection { try $0.execute("CREATE TABLE bench (id TEXT PRIMARY KEY, thread BIGINT NOT NULL, seq BIGINT NOT NULL, note TEXT)") }
                let start = Date()
                let errors = runOnThreads(Self.threads, timeout: 600) { thread in
                    for seq in 0..<Self.perThread {
                        try pool.write {
                            try $0.execute("INSERT INTO bench (id, thread, seq, note) VALUES (?, ?, ?, ?)",
                                           [.text(UUID().uuidString), .integer(Int64(thread)), .integer(Int64(seq)), "a visit note"])
                        }
                    }
                }
                let seconds = Date().timeIntervalSince(start)
                #expect(errors.isEmpty, "\(errors.prefix(3))")
                let rows = try pool.read { try $0.queryFirst("SELECT COUNT(*) AS c FROM bench")?.int("c") }
                #expect(rows == Int64(Self.threads * Self.perThread))
                var detail = ""
                if let writer = (pool.implementation as? SQLitePool)?.writer {
                    let stats = writer.statistics
                    detail = " (\(stats.commits) commits, \(String(format: "%.1f", Double(stats.units) / Double(max(1, stats.commits)))) units/commit)"
                }
                let label = backend == .postgres ? "postgres prepared=\(prepared)" : "sqlite group commit"
                print("BENCH \(label): \(Self.threads * Self.perThread) rows in \(String(format: "%.2f", seconds)) s = \(Int(Double(Self.threads * Self.perThread) / seconds)) rows/s\(detail)")
            }
        }
    }

    /// For contrast: one thread, one fsync per write.
    @Test(arguments: TestBackends.available)
    func sequentialDurableInserts(backend: DatabaseBackend) throws {
        try withTestDatabase(backend) { pool in
            try pool.withConnection { try $0.execute("CREATE TABLE bench (id TEXT PRIMARY KEY, seq BIGINT NOT NULL)") }
            let count = 300, start = Date()
            for seq in 0..<count {
                try pool.write { try $0.execute("INSERT INTO bench (id, seq) VALUES (?, ?)", [.text(UUID().uuidString), .integer(Int64(seq))]) }
            }
            let seconds = Date().timeIntervalSince(start)
            print("BENCH \(backend) sequential: \(count) rows in \(String(format: "%.2f", seconds)) s = \(Int(Double(count) / seconds)) rows/s")
        }
    }
}
