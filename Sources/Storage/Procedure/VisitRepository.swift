import Database
import Domain
import Foundation

/// Visits in the `visits` table, with their daily queue numbers from `queue_counters`.
///
/// Why it exists: the only code that turns visit rows into ``Visit`` values and back, and the
/// one place queue numbers are handed out. Updates are conditional on the version the client
/// read (`If-Match`).
public struct VisitRepository {
    let connection: any SQLConnection
    static let listName = "visits"
    static let columnNames = [
        "id", "applicant_id", "visit_date", "purpose", "platform", "notes", "decision", "status", "queue_seq",
        "queue_number", "referred_to", "refusal_reason", "session_id", "started_at", "ended_at", "cancellation_reason",
        "version", "created_at", "updated_at",
    ]
    static let columns = columnNames.joined(separator: ", ")

    /// Stores a new visit and returns it as stored. A routed visit gets the next queue number
    /// of its day (`<queuePrefix>-001`, …), taken from the day's counter in this same
    /// transaction: a rollback returns the number, and concurrent creates (any number of
    /// instances) queue on the counter row, so numbers are never duplicated or skipped.
    public func insert(_ visit: Visit, queuePrefix: String) throws -> Visit {
        var stored = visit
        if visit.decision == .routedToKlipso {
            let row = try connection.queryFirst("""
                INSERT INTO queue_counters (visit_date, last_number) VALUES (?, 1)
                ON CONFLICT (visit_date) DO UPDATE SET last_number = queue_counters.last_number + 1
                RETURNING last_number
                """, [.day(visit.visitDate)])
            guard let number = try row?.int("last_number") else {
                throw StoreError(.internal, "the queue counter returned no number")
            }
            stored = visit.numbered(QueueNumber(prefix: queuePrefix, sequence: Int(number)))
        }
        try mappingConflicts([("visits_pkey", "id"), ("visits.id", "id"), ("queue", "queue_number")]) {
            try connection.execute("""
                INSERT INTO visits (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(stored.id.rawValue), .text(stored.applicantID.rawValue), .day(stored.visitDate),
                      .text(stored.purpose.rawValue), .text(stored.platform?.rawValue), .text(stored.notes),
                      .text(stored.decision.rawValue), .text(stored.status.rawValue),
                      stored.queueNumber.map { .integer(Int64($0.sequence)) } ?? .null, .text(stored.queueNumber?.text),
                      .text(stored.referredTo?.rawValue), .text(stored.refusalReason)]
                    + Self.mutableValues(stored) + [.instant(stored.createdAt), .instant(stored.updatedAt)])
        }
        return stored
    }

    public func get(id: VisitID) throws -> Visit? {
        try connection.queryFirst("SELECT \(Self.columns) FROM visits WHERE id = ?", [.text(id.rawValue)])
            .map(Self.decode)
    }

    /// Stores the visit's changeable fields (status, session, times, cancellation reason,
    /// version) if its stored version is `expectedVersion`; false when missing or stale.
    public func update(_ visit: Visit, expectedVersion: Int) throws -> Bool {
        try connection.execute("""
            UPDATE visits SET status = ?, session_id = ?, started_at = ?, ended_at = ?, cancellation_reason = ?,
                version = ?, updated_at = ?
            WHERE id = ? AND version = ?
            """, [.text(visit.status.rawValue)] + Self.mutableValues(visit)
                + [.instant(visit.updatedAt), .text(visit.id.rawValue), .integer(Int64(expectedVersion))]) == 1
    }

    /// Visits in id (arrival) order, optionally of one office-local day and in one status.
    public func list(date: LocalDate? = nil, status: VisitStatus? = nil, _ page: PageRequest) throws -> Page<Visit> {
        var query = SQLQuery("SELECT \(Self.columns) FROM visits")
        if let date { query.where("visit_date = ?", .day(date)) }
        if let status { query.where("status = ?", .text(status.rawValue)) }
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit, list: Self.listName) {
            $0.id.rawValue
        }
    }

    /// The queue of `date`: routed visits still `waiting` or `in_session`, in queue-number
    /// order, with the officer serving each one in session.
    public func queue(on date: LocalDate) throws -> [QueueEntry] {
        let qualified = Self.columnNames.map { "v.\($0)" }.joined(separator: ", ")
        return try connection.query("""
            SELECT \(qualified), s.officer_id FROM visits v LEFT JOIN sessions s ON s.id = v.session_id
            WHERE v.visit_date = ? AND v.decision = 'routed_to_klipso' AND v.status IN ('waiting', 'in_session')
            ORDER BY v.queue_seq
            """, [.day(date)]).map { row in
            QueueEntry(visit: try Self.decode(row),
                       officerID: try row.optionalString("officer_id").map { StaffID(rawValue: $0) })
        }
    }

    /// `session_id, started_at, ended_at, cancellation_reason, version`.
    private static func mutableValues(_ visit: Visit) -> [SQLValue] {
        [.text(visit.sessionID?.rawValue), .instant(visit.startedAt), .instant(visit.endedAt),
         .text(visit.cancellationReason), .integer(Int64(visit.version))]
    }

    static func decode(_ row: SQLRow) throws -> Visit {
        Visit(id: VisitID(rawValue: try row.string("id")),
              applicantID: ApplicantID(rawValue: try row.string("applicant_id")),
              purpose: try row.parsed("purpose") { try VisitPurpose.parse($0, field: "purpose") },
              platform: try row.optionalParsed("platform") { try Platform.parse($0, field: "platform") },
              notes: try row.optionalString("notes"),
              decision: try row.parsed("decision") { try VisitDecision.parse($0, field: "decision") },
              status: try row.parsed("status") { try VisitStatus.parse($0, field: "status") },
              queueNumber: try row.optionalParsed("queue_number") { text in
                  guard let number = QueueNumber(text) else { throw StoreError(.corruptData, "bad queue number") }
                  return number
              },
              referredTo: try row.optionalParsed("referred_to") { try ReferralDesk.parse($0, field: "referred_to") },
              refusalReason: try row.optionalString("refusal_reason"), visitDate: try row.day("visit_date"),
              createdAt: try row.instant("created_at"), updatedAt: try row.instant("updated_at"),
              sessionID: try row.optionalString("session_id").map { SessionID(rawValue: $0) },
              startedAt: try row.optionalInstant("started_at"), endedAt: try row.optionalInstant("ended_at"),
              cancellationReason: try row.optionalString("cancellation_reason"), version: try row.intValue("version"))
    }
}

/// One line of the live queue: a routed visit of today and, while in session, its officer.
public struct QueueEntry: Sendable, Hashable {
    public let visit: Visit
    public let officerID: StaffID?
}
