import Foundation
import TestPostgres
import Testing
@testable import Database

/// The backends the shared suite runs against: SQLite always, PostgreSQL when
/// `KLIPSO_TEST_POSTGRES_URL` is set (see `.ci/start-postgres.sh`).
enum TestBackends {
    static let postgresURL = TestPostgres.url
    static let available: [DatabaseBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
    static let postgresOnly: [DatabaseBackend] = postgresURL == nil ? [] : [.postgres]
}

/// A fresh, empty database for one test: a SQLite file in a temp dir, or a
/// PostgreSQL schema `test_<random>` selected through the connection's
/// `search_path`. Both are removed afterwards.
func withTestDatabase<T>(_ backend: DatabaseBackend,
                         configuration: DatabaseConfiguration = .init(),
                         _ body: (DatabasePool) throws -> T) throws -> T {
    switch backend {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klipso-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let pool = try DatabasePool.open(url: "sqlite://" + directory.appendingPathComponent("test.db").path, configuration: configuration)
        defer { pool.close() }
        return try body(pool)
    case .postgres:
        let baseURL = try #require(TestBackends.postgresURL)
        let schema = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try DatabasePool.open(url: baseURL)
        defer { admin.close() }
        try admin.withConnection { try $0.execute("CREATE SCHEMA \(schema)") }
        defer { _ = try? admin.withConnection { try $0.execute("DROP SCHEMA \(schema) CASCADE") } }
        let pool = try DatabasePool.open(url: postgresURL(baseURL, searchPath: schema), configuration: configuration)
        defer { pool.close() }
        return try body(pool)
    }
}

func postgresURL(_ baseURL: String, searchPath schema: String) -> String {
    baseURL + (baseURL.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
}

/// The dialect difference the tests need: binary column type.
func blobType(_ backend: DatabaseBackend) -> String { backend == .sqlite ? "BLOB" : "BYTEA" }

/// Runs `body` on `count` real threads at once (not a width-limited queue, so
/// blocking calls really overlap) and returns each thread's error, if any.
func runOnThreads(_ count: Int, timeout: TimeInterval = 60, _ body: @escaping @Sendable (Int) throws -> Void) -> [Error] {
    let errors = ErrorCollector()
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            do { try body(index) } catch { errors.add(error) }
            group.leave()
        }.start()
    }
    if group.wait(timeout: .now() + timeout) == .timedOut { errors.add(DatabaseError(.other, "threads did not finish within \(timeout) s")) }
    return errors.all
}

final class ErrorCollector: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ error: Error) { lock.withLock { errors.append(error) } }
    var all: [Error] { lock.withLock { errors } }
}

/// The kind of the `DatabaseError` thrown by `body`, or nil if it did not throw one.
func errorKind<T>(_ body: () throws -> T) -> DatabaseError.Kind? {
    do {
        _ = try body()
        return nil
    } catch let error as DatabaseError {
        return error.kind
    } catch {
        return DatabaseError.Kind("non-database error: \(error)")
    }
}
