import Database
import TestPostgres
import Domain
import Foundation
import Storage
import Testing

/// The backends every suite runs against: SQLite always, PostgreSQL when
/// `KLIPSO_TEST_POSTGRES_URL` is set (see `.ci/start-postgres.sh`).
enum TestBackends {
    static let postgresURL = TestPostgres.url
    static let available: [DatabaseBackend] = postgresURL == nil ? [.sqlite] : [.sqlite, .postgres]
}

/// A fresh, empty database for one test — a SQLite file in a temporary directory, or a
/// PostgreSQL schema `kst_<random>` selected through `search_path` — opened with
/// `KlipsoStore.open` (so migrations run), and removed afterwards.
func withTestStore<T>(_ backend: DatabaseBackend, _ body: (KlipsoStore, _ url: String) throws -> T) throws -> T {
    switch backend {
    case .sqlite:
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("klipso-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = "sqlite://" + directory.appendingPathComponent("klipso.db").path
        let store = try KlipsoStore.open(url: url)
        defer { store.close() }
        return try body(store, url)
    case .postgres:
        let baseURL = try #require(TestBackends.postgresURL)
        let schema = "kst_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let admin = try DatabasePool.open(url: baseURL)
        defer { admin.close() }
        try admin.withConnection { try $0.execute("CREATE SCHEMA \(schema)") }
        defer { _ = try? admin.withConnection { try $0.execute("DROP SCHEMA \(schema) CASCADE") } }
        let url = baseURL + (baseURL.contains("?") ? "&" : "?") + "options=-csearch_path%3D\(schema)"
        let store = try KlipsoStore.open(url: url)
        defer { store.close() }
        return try body(store, url)
    }
}

/// Runs `body` on `count` real threads at once and returns each thread's result.
func runOnThreads<T: Sendable>(_ count: Int, timeout: TimeInterval = 60,
                               _ body: @escaping @Sendable (Int) -> T) -> [T?] {
    let results = ResultCollector<T>(count: count)
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread {
            results.set(index, body(index))
            group.leave()
        }.start()
    }
    _ = group.wait(timeout: .now() + timeout)
    return results.all
}

final class ResultCollector<T: Sendable>: @unchecked Sendable {
    // Guarded by `lock`.
    private let lock = NSLock()
    private var values: [T?]
    init(count: Int) { values = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: T) { lock.withLock { values[index] = value } }
    var all: [T?] { lock.withLock { values } }
}

func instant(_ text: String) -> Date {
    guard let date = try? Date(text, strategy: .iso8601) else { preconditionFailure("bad test instant \(text)") }
    return date
}

func day(_ text: String) -> LocalDate {
    guard let date = LocalDate(iso8601: text) else { preconditionFailure("bad test date \(text)") }
    return date
}

let testIDs = TimeOrderedIdentifierGenerator()

/// A new active staff member with a unique id and the given username.
func makeStaff(_ username: String, roles: Set<Role> = [], nip: String? = nil, active: Bool = true) throws -> Staff {
    Staff(id: testIDs.next(), nip: try nip.map { try NIP($0, today: day("2026-12-03")) }, name: "Staff \(username)",
          username: try Username(username), roles: roles, isActive: active)
}

/// Inserts `staff` with an audit event, as the API would.
@discardableResult
func insertStaff(_ store: KlipsoStore, _ staff: Staff, at now: Date = instant("2026-12-03T10:00:00+07:00")) throws -> Staff {
    try store.write(requestID: "req-\(staff.username)", actor: .system) { writer in
        try writer.staffAccounts.insert(staff, passwordHash: "hash-\(staff.username)", at: now)
        try writer.record(AuditSummary(action: AuditAction(rawValue: "staff.created"), resourceType: "staff",
                                       resourceID: staff.id.rawValue, actorID: nil, occurredAt: now,
                                       before: nil, after: ["username": staff.username.text]))
    }
    return staff
}

/// The `StoreError` thrown by `body`, or nil (recording an issue) if it threw something else or nothing.
func storeError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> StoreError? {
    do {
        _ = try body()
        Issue.record("expected a StoreError, nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as StoreError {
        return error
    } catch {
        Issue.record("expected a StoreError, got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
