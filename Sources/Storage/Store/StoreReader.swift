import Database

/// The repositories available inside ``KlipsoStore/read(_:)``, all bound to its read-only
/// transaction.
///
/// Why it exists: a handler that only reads gets one consistent snapshot and cannot write by
/// mistake (the transaction is read-only on both engines). Not `Sendable`: it lives only for
/// the duration of the body, on one thread.
public struct StoreReader {
    let connection: any SQLConnection

    init(connection: any SQLConnection) {
        self.connection = connection
    }

    public var backend: DatabaseBackend { connection.backend }
    public var staffAccounts: StaffRepository { StaffRepository(connection: connection) }
    public var accessTokens: AccessTokenRepository { AccessTokenRepository(connection: connection) }
    public var apiKeys: APIKeyRepository { APIKeyRepository(connection: connection) }
    public var loginFailures: LoginFailureRepository { LoginFailureRepository(connection: connection) }
    public var idempotencyKeys: IdempotencyRepository { IdempotencyRepository(connection: connection) }
    /// Plain reads (it conforms to `OfficerAssignmentTransaction`, so `service.currentHead(in:)`
    /// works in a reader; its write methods fail in a read-only transaction).
    public var officerAssignments: OfficerAssignmentRepository { OfficerAssignmentRepository(connection: connection) }
    public var audit: AuditLog { AuditLog(connection: connection, ids: nil) }
}
