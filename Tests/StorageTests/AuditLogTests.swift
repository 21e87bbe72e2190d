import Database
import Domain
import Foundation
@testable import Storage
import Testing

@Suite struct AuditLogTests {
    struct Boom: Error {}
    let start = instant("2026-12-03T03:00:00Z")

    func summary(_ index: Int, actor: StaffID? = nil) -> AuditSummary {
        AuditSummary(action: AuditAction(rawValue: index % 2 == 0 ? "visit.routed" : "visit.refused"),
                     resourceType: index % 3 == 0 ? "session" : "visit", resourceID: "res-\(index % 5)", actorID: actor,
                     occurredAt: start.addingTimeInterval(Double(index)),
                     before: index == 0 ? nil : ["status": "waiting", "note": "quote \" back\\slash \n\u{1}"],
                     after: ["status": "refused", "queue_number": "K-\(index)"])
    }

    /// Appends `count` events, one write each, alternating two actors.
    func appendEvents(_ store: KlipsoStore, count: Int, actors: [AuditActor] = [.system]) throws -> [AuditEvent] {
        try (0..<count).map { index in
            try store.write(requestID: "req-\(index)", actor: actors[index % actors.count]) { try $0.record(summary(index)) }
        }
    }

    /// Runs `tamper` on the raw connection with the append-only triggers out of the way, as an
    /// attacker with database-owner rights could.
    func tamper(_ store: KlipsoStore, _ tamper: (any SQLConnection) throws -> Void) throws {
        try store.pool.withConnection { connection in
            switch connection.backend {
            case .sqlite:
                try connection.execute("DROP TRIGGER IF EXISTS audit_events_no_update")
                try connection.execute("DROP TRIGGER IF EXISTS audit_events_no_delete")
                try tamper(connection)
            case .postgres:
                try connection.execute("ALTER TABLE audit_events DISABLE TRIGGER USER")
                try tamper(connection)
                try connection.execute("ALTER TABLE audit_events ENABLE TRIGGER USER")
            }
        }
    }

    @Test(arguments: TestBackends.available)
    func aWriteAppendsItsEventAtomically(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let staff = try makeStaff("ani")
            #expect(throws: Boom.self) {
                try store.write(requestID: "req-1", actor: .system) { writer in
                    try writer.staffAccounts.insert(staff, passwordHash: nil, at: start)
                    try writer.record(summary(1))
                    #expect(writer.appendedAuditEvents == 1)
                    throw Boom()
                }
            }
            #expect(try store.read { try $0.audit.count() } == 0)
            #expect(try store.read { try $0.staffAccounts.count() } == 0)
            let event = try store.write(requestID: "req-2", actor: .staff(staff.id)) { writer in
                try writer.staffAccounts.insert(staff, passwordHash: nil, at: start)
                return try writer.record(summary(1))
            }
            #expect(event.seq == 1 && event.previousHash == AuditChain.genesisHash)
            #expect(try store.read { try $0.audit.count() } == 1)
            let stored = try store.read { try $0.audit.event(id: event.id) }
            #expect(stored == event)
            #expect(stored?.before?["note"] == "quote \" back\\slash \n\u{1}")
            #expect(stored?.actor == .staff(staff.id) && stored?.requestID == "req-2")
            #expect(try AuditLog.verify(store) == .intact(count: 1))
        }
    }

    @Test(arguments: TestBackends.available)
    func fiftyEventsVerifyIntactAndConcurrentAppendsStayChained(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            #expect(try AuditLog.verify(store) == .intact(count: 0))
            let events = try appendEvents(store, count: 30)
            #expect(events.map(\.seq) == Array(1...30))
            let outcomes = runOnThreads(4) { thread -> Int in
                var appended = 0
                for index in 0..<5 {
                    if (try? store.write(requestID: "t\(thread)-\(index)", actor: .system, { try $0.record(summary(index)) })) != nil {
                        appended += 1
                    }
                }
                return appended
            }
            #expect(outcomes.compactMap { $0 }.reduce(0, +) == 20)
            #expect(try AuditLog.verify(store, pageSize: 7) == .intact(count: 50))
            #expect(try AuditLog.verify(store) == .intact(count: 50))
        }
    }

    @Test(arguments: TestBackends.available)
    func triggersRefuseUpdateAndDelete(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            _ = try appendEvents(store, count: 3)
            #expect(throws: StoreError.self) {
                try store.write(requestID: nil, actor: .system) {
                    try $0.connection.execute("UPDATE audit_events SET action = 'x' WHERE seq = 2")
                }
            }
            #expect(throws: StoreError.self) {
                try store.write(requestID: nil, actor: .system) { try $0.connection.execute("DELETE FROM audit_events WHERE seq = 3") }
            }
            #expect(try AuditLog.verify(store) == .intact(count: 3))
        }
    }

    @Test(arguments: TestBackends.available)
    func anEditedRowIsFound(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let events = try appendEvents(store, count: 50)
            try tamper(store) { try $0.execute("UPDATE audit_events SET action = 'visit.cancelled' WHERE seq = 17") }
            #expect(try AuditLog.verify(store, pageSize: 10) == .broken(atSeq: 17, eventID: events[16].id, reason: .contentChanged))
        }
    }

    @Test(arguments: TestBackends.available)
    func anEditedAndRehashedRowBreaksTheNextLink(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let events = try appendEvents(store, count: 50)
            let row = try #require(try store.pool.read { try $0.queryFirst("SELECT \(AuditLog.columns) FROM audit_events WHERE seq = 30") })
            var columns = try AuditLog.columns(row)
            columns.action = "visit.cancelled"
            let forged = AuditChain.hash(columns)
            try tamper(store) {
                try $0.execute("UPDATE audit_events SET action = ?, hash = ? WHERE seq = 30", [.text(columns.action), .text(forged)])
            }
            #expect(try AuditLog.verify(store) == .broken(atSeq: 31, eventID: events[30].id, reason: .previousHashMismatch))
        }
    }

    @Test(arguments: TestBackends.available)
    func deletedRowsAreFound(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let events = try appendEvents(store, count: 50)
            try tamper(store) { try $0.execute("DELETE FROM audit_events WHERE seq = 50") }
            #expect(try AuditLog.verify(store) == .broken(atSeq: 50, eventID: nil, reason: .headMismatch(headSeq: 50)))
            try tamper(store) { try $0.execute("DELETE FROM audit_events WHERE seq = 23") }
            #expect(try AuditLog.verify(store, pageSize: 5) == .broken(atSeq: 24, eventID: events[23].id, reason: .missingEvents(missingFrom: 23)))
        }
    }

    @Test(arguments: TestBackends.available)
    func swappedHashesAreFound(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let events = try appendEvents(store, count: 50)
            try tamper(store) { connection in
                try connection.execute("UPDATE audit_events SET hash = ? WHERE seq = 10", [.text(events[10].hash)])
                try connection.execute("UPDATE audit_events SET hash = ? WHERE seq = 11", [.text(events[9].hash)])
            }
            #expect(try AuditLog.verify(store) == .broken(atSeq: 10, eventID: events[9].id, reason: .contentChanged))
        }
    }

    @Test(arguments: TestBackends.available)
    func listsFilterAndPageNewestFirst(backend: DatabaseBackend) throws {
        try withTestStore(backend) { store, _ in
            let ani = StaffID(rawValue: "ani")
            let events = try appendEvents(store, count: 12, actors: [.staff(ani), .system])
            func list(_ filter: AuditEventFilter, limit: Int = 200) throws -> [Int64] {
                var seqs: [Int64] = []
                var cursor: String?
                for _ in 0..<50 {
                    let page = try store.read { try $0.audit.list(filter, PageRequest(limit: limit, cursor: cursor)) }
                    seqs += page.items.map(\.seq)
                    cursor = page.nextCursor
                    if cursor == nil { break }
                }
                return seqs
            }
            #expect(try list(AuditEventFilter(), limit: 5) == Array((1...12).reversed()))
            #expect(try list(AuditEventFilter(actorID: "ani"), limit: 4) == events.filter { $0.actor.id == "ani" }.map(\.seq).reversed())
            #expect(try list(AuditEventFilter(resourceType: "visit", resourceID: "res-1")) ==
                    events.filter { $0.resourceType == "visit" && $0.resourceID == "res-1" }.map(\.seq).reversed())
            #expect(try list(AuditEventFilter(action: AuditAction(rawValue: "visit.refused"))).count == 6)
            let window = AuditEventFilter(from: start.addingTimeInterval(3), to: start.addingTimeInterval(6))
            #expect(try list(window) == [6, 5, 4])
        }
    }
}
