import Database
import Domain
import OfficerAssignment

/// The writer is the officer-assignment transaction: `OfficerAssignmentService` checks its
/// rules and writes through it, and the caller appends the returned audit summary to the same
/// transaction.
///
/// Every rule is check-then-write, so concurrent transactions must not interleave. SQLite
/// writes are already serial (one writer, `BEGIN IMMEDIATE`). On PostgreSQL the first call
/// takes a transaction-scoped advisory lock, before any check reads, so two appointments or
/// two tenure records queue behind each other; the lock ends with the transaction.
extension StoreWriter: OfficerAssignmentTransaction {
    /// `pg_advisory_xact_lock` key for officer-assignment transactions ("KLPSOA").
    static let officerAssignmentLockKey: Int64 = 0x4B4C_5053_4F41

    private func lockedRepository() throws -> OfficerAssignmentRepository {
        if !holdsOfficerAssignmentLock {
            if connection.backend == .postgres {
                _ = try connection.query("SELECT pg_advisory_xact_lock(?)", [.integer(Self.officerAssignmentLockKey)])
            }
            holdsOfficerAssignmentLock = true
        }
        return officerAssignments
    }

    public func staff(id: StaffID) throws -> Staff? { try lockedRepository().staff(id: id) }
    public func tenures() throws -> [HeadOfOfficeTenure] { try lockedRepository().tenures() }
    public func tenure(id: TenureID) throws -> HeadOfOfficeTenure? { try lockedRepository().tenure(id: id) }
    public func insertTenure(_ tenure: HeadOfOfficeTenure) throws { try lockedRepository().insertTenure(tenure) }

    public func updateTenure(_ tenure: HeadOfOfficeTenure, expectedVersion: Int) throws -> Bool {
        try lockedRepository().updateTenure(tenure, expectedVersion: expectedVersion)
    }

    public func assignment(id: AssignmentID) throws -> Assignment? { try lockedRepository().assignment(id: id) }

    public func assignments(forOfficer officerID: StaffID) throws -> [Assignment] {
        try lockedRepository().assignments(forOfficer: officerID)
    }

    public func insertAssignment(_ assignment: Assignment) throws { try lockedRepository().insertAssignment(assignment) }

    public func updateAssignment(_ assignment: Assignment, expectedVersion: Int) throws -> Bool {
        try lockedRepository().updateAssignment(assignment, expectedVersion: expectedVersion)
    }
}

/// `OfficerAssignmentStore` over ``KlipsoStore``: each transaction is one audited
/// ``KlipsoStore/write(requestID:actor:_:)`` whose writer is the officer-assignment transaction.
///
/// Why it exists: the service's convenience calls (`proveServing(_:using:)`,
/// `currentHead(using:)`) take a store; handlers that also persist audit events can equally
/// call `store.write { writer in … service.appoint(…, in: writer) … writer.record(change.audit) }`.
public struct KlipsoOfficerAssignmentStore: OfficerAssignmentStore {
    public let store: KlipsoStore
    public let requestID: String?
    public let actor: AuditActor

    public init(store: KlipsoStore, requestID: String?, actor: AuditActor) {
        self.store = store
        self.requestID = requestID
        self.actor = actor
    }

    public func transaction<Result>(_ body: (StoreWriter) throws -> Result) throws -> Result {
        try store.write(requestID: requestID, actor: actor, body)
    }
}

extension KlipsoStore {
    /// The officer-assignment store for one request.
    public func officerAssignmentStore(requestID: String?, actor: AuditActor) -> KlipsoOfficerAssignmentStore {
        KlipsoOfficerAssignmentStore(store: self, requestID: requestID, actor: actor)
    }
}
