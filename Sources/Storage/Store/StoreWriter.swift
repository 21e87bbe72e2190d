import Database
import Domain

/// The repositories available inside ``KlipsoStore/write(requestID:actor:_:)``, all bound to
/// its one transaction, plus the request context audit events carry.
///
/// Why it exists: a change and its audit event must commit together, so both go through the
/// same connection. The writer also conforms to `OfficerAssignmentTransaction` (see
/// `StoreWriter+OfficerAssignment.swift`), taking the lock that serialises officer-assignment
/// rules, so `OfficerAssignmentService` runs directly against it. Not `Sendable`: it lives only
/// for the duration of the body, on one thread.
public final class StoreWriter {
    let connection: any SQLConnection
    let ids: any IdentifierGenerating
    /// The request this transaction serves, recorded on audit events.
    public let requestID: String?
    /// Who acts, recorded on audit events.
    public let actor: AuditActor
    /// Whether this transaction holds the officer-assignment lock (PostgreSQL).
    var holdsOfficerAssignmentLock = false
    /// How many audit events this transaction appended so far.
    public internal(set) var appendedAuditEvents = 0

    init(connection: any SQLConnection, requestID: String?, actor: AuditActor, ids: any IdentifierGenerating) {
        self.connection = connection
        self.requestID = requestID
        self.actor = actor
        self.ids = ids
    }

    public var backend: DatabaseBackend { connection.backend }
    public var staffAccounts: StaffRepository { StaffRepository(connection: connection) }
    public var accessTokens: AccessTokenRepository { AccessTokenRepository(connection: connection) }
    public var apiKeys: APIKeyRepository { APIKeyRepository(connection: connection) }
    public var loginFailures: LoginFailureRepository { LoginFailureRepository(connection: connection) }
    public var idempotencyKeys: IdempotencyRepository { IdempotencyRepository(connection: connection) }
    /// Lists and plain access without the lock; for rule-checked changes pass the writer itself
    /// to `OfficerAssignmentService`.
    public var officerAssignments: OfficerAssignmentRepository { OfficerAssignmentRepository(connection: connection) }
    public var audit: AuditLog { AuditLog(connection: connection, ids: ids, onAppend: { [weak self] in self?.appendedAuditEvents += 1 }) }

    /// Appends `summary` to the audit trail with this transaction's request id and actor, and
    /// the outbox/queue events it calls for (`EventCapture`). Append last in the body: on PostgreSQL it locks the chain head until commit.
    @discardableResult
    public func record(_ summary: AuditSummary) throws -> AuditEvent {
        let event = try audit.append(summary: summary, requestID: requestID, actor: actor)
        // Webhook and live-queue events commit (or roll back) with the change.
        try EventCapture(connection: connection, ids: ids).capture(summary, seq: event.seq)
        return event
    }
}
