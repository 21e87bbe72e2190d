import Domain

/// The storage seam of this module: what the storage layer implements so the rules here can
/// run against SQLite, PostgreSQL or a test double alike.
///
/// Every rule is check-then-write ("no tenure overlaps this one, then insert it"), so the
/// checks and the write must run inside one transaction that concurrent requests cannot
/// interleave with. `transaction` must therefore run `body` at serialisable isolation, or
/// take a lock that serialises all writers of tenures and assignments (SQLite: `BEGIN
/// IMMEDIATE`; PostgreSQL: `SERIALIZABLE` with retry, or a transaction-scoped advisory lock
/// taken first). If `body` throws, nothing it wrote may be committed.
///
/// The API is synchronous because SQLite and libpq are blocking C libraries; the server
/// calls it on a worker thread, not an event loop.
public protocol OfficerAssignmentStore: Sendable {
    associatedtype Transaction: OfficerAssignmentTransaction

    /// Runs `body` in one transaction; commits if it returns, rolls back if it throws.
    func transaction<Result>(_ body: (Transaction) throws -> Result) throws -> Result
}

/// Reads and writes within one open transaction.
///
/// Plain data access only: the store filters nothing by rule. Which tenure covers a day,
/// what overlaps what and which assignment is active are decided by this module from what
/// these methods return. A real storage transaction will typically also conform to other
/// modules' transaction protocols (audit, sessions), so the caller can persist the returned
/// `AuditSummary`, and open a session with a `ServingOfficer`, in the same transaction.
public protocol OfficerAssignmentTransaction {
    /// The staff member, active or not; nil if unknown.
    func staff(id: StaffID) throws -> Staff?

    /// Every recorded tenure (a few per year), in any order.
    func tenures() throws -> [HeadOfOfficeTenure]
    func tenure(id: TenureID) throws -> HeadOfOfficeTenure?
    func insertTenure(_ tenure: HeadOfOfficeTenure) throws
    /// Replaces the stored tenure with the same id if its stored version is
    /// `expectedVersion`; returns false (writing nothing) otherwise.
    func updateTenure(_ tenure: HeadOfOfficeTenure, expectedVersion: Int) throws -> Bool

    func assignment(id: AssignmentID) throws -> Assignment?
    /// Every assignment of one officer, revoked and expired included, in any order.
    func assignments(forOfficer officerID: StaffID) throws -> [Assignment]
    func insertAssignment(_ assignment: Assignment) throws
    /// Replaces the stored assignment with the same id if its stored version is
    /// `expectedVersion`; returns false (writing nothing) otherwise.
    func updateAssignment(_ assignment: Assignment, expectedVersion: Int) throws -> Bool
}
