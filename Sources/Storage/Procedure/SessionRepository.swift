import Database
import Domain
import Foundation

/// Consultation sessions in the `sessions` table.
///
/// Why it exists: the only code that turns session rows into ``ConsultationSession`` values and
/// back. `visit_id` is unique, so a second session for one visit is a ``StoreError`` conflict on
/// `visit_id` even if two officers race. Updates are conditional on the version read.
public struct SessionRepository {
    let connection: any SQLConnection
    static let listName = "sessions"
    static let columns = """
        id, visit_id, applicant_id, platform, officer_id, assignment_id, started_at, started_on, status, completed_at, \
        completed_on, topics, notes, requirements, outcome, next_step, missing_requirements, version, updated_at
        """

    /// Stores a newly opened session; a second one for the same visit is a `conflict` on `visit_id`.
    public func insert(_ session: ConsultationSession) throws {
        try mappingConflicts([("visit_id", "visit_id"), ("sessions_pkey", "id"), ("sessions.id", "id")]) {
            try connection.execute("""
                INSERT INTO sessions (\(Self.columns)) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(session.id.rawValue), .text(session.visitID.rawValue), .text(session.applicantID.rawValue),
                      .text(session.platform.rawValue), .text(session.officerID.rawValue),
                      .text(session.assignmentID.rawValue), .instant(session.startedAt), .day(session.startedOn)]
                    + (try Self.mutableValues(session)))
        }
    }

    public func get(id: SessionID) throws -> ConsultationSession? {
        try connection.queryFirst("SELECT \(Self.columns) FROM sessions WHERE id = ?", [.text(id.rawValue)])
            .map(Self.decode)
    }

    /// The session of a visit, if one was opened.
    public func get(visitID: VisitID) throws -> ConsultationSession? {
        try connection.queryFirst("SELECT \(Self.columns) FROM sessions WHERE visit_id = ?", [.text(visitID.rawValue)])
            .map(Self.decode)
    }

    /// Stores the session's changeable fields if its stored version is `expectedVersion`;
    /// false when missing or stale.
    public func update(_ session: ConsultationSession, expectedVersion: Int) throws -> Bool {
        try connection.execute("""
            UPDATE sessions SET status = ?, completed_at = ?, completed_on = ?, topics = ?, notes = ?, requirements = ?,
                outcome = ?, next_step = ?, missing_requirements = ?, version = ?, updated_at = ?
            WHERE id = ? AND version = ?
            """, (try Self.mutableValues(session))
                + [.text(session.id.rawValue), .integer(Int64(expectedVersion))]) == 1
    }

    /// Sessions in id (start) order, optionally of one officer and one office-local start day.
    public func list(officerID: StaffID? = nil, date: LocalDate? = nil, _ page: PageRequest) throws -> Page<ConsultationSession> {
        var query = SQLQuery("SELECT \(Self.columns) FROM sessions")
        if let officerID { query.where("officer_id = ?", .text(officerID.rawValue)) }
        if let date { query.where("started_on = ?", .day(date)) }
        if let after = try PageCursor.decode(page.cursor, list: Self.listName) { query.where("id > ?", .text(after)) }
        query.append(" ORDER BY id LIMIT ?", .integer(Int64(page.limit + 1)))
        return PageCursor.page(try query.run(on: connection).map(Self.decode), limit: page.limit, list: Self.listName) {
            $0.id.rawValue
        }
    }

    /// `status` … `updated_at`, in `columns` order.
    private static func mutableValues(_ session: ConsultationSession) throws -> [SQLValue] {
        [.text(session.status.rawValue), .instant(session.completedAt), .day(session.completedOn),
         .text(session.topics.map(\.rawValue).joined(separator: ",")), .text(session.notes),
         .text(try JSONText.encode(session.requirements)), .text(session.outcome?.rawValue),
         .text(session.nextStep?.rawValue), .text(try JSONText.encode(session.missingRequirements)),
         .integer(Int64(session.version)), .instant(session.updatedAt)]
    }

    static func decode(_ row: SQLRow) throws -> ConsultationSession {
        let topics = try row.parsed("topics") { text in
            try text.split(separator: ",").map { try SessionTopic.parse(String($0), field: "topics") }
        }
        return ConsultationSession(
            id: SessionID(rawValue: try row.string("id")), visitID: VisitID(rawValue: try row.string("visit_id")),
            applicantID: ApplicantID(rawValue: try row.string("applicant_id")),
            platform: try row.parsed("platform") { try Platform.parse($0, field: "platform") },
            officerID: StaffID(rawValue: try row.string("officer_id")),
            assignmentID: AssignmentID(rawValue: try row.string("assignment_id")),
            status: try row.parsed("status") { try SessionStatus.parse($0, field: "status") },
            startedAt: try row.instant("started_at"), startedOn: try row.day("started_on"),
            completedAt: try row.optionalInstant("completed_at"), completedOn: try row.optionalDay("completed_on"),
            topics: topics, notes: try row.optionalString("notes"),
            requirements: try row.parsed("requirements") { try JSONText.decode([Requirement].self, $0) },
            outcome: try row.optionalParsed("outcome") { try SessionOutcome.parse($0, field: "outcome") },
            nextStep: try row.optionalParsed("next_step") { try NextStep.parse($0, field: "next_step") },
            missingRequirements: try row.parsed("missing_requirements") { try JSONText.decode([String].self, $0) },
            version: try row.intValue("version"), updatedAt: try row.instant("updated_at"))
    }
}

/// Small JSON documents in text columns (checklists), with sorted keys so equal values are
/// stored identically.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
