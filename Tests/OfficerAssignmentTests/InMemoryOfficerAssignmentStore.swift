import Domain
import Foundation
import OfficerAssignment

/// A test double of the storage seam, for unit tests of the rules only (the real SQLite and
/// PostgreSQL stores are tested by the storage layer).
///
/// Transactions are serialised by one lock and work on a copy of the state that is committed
/// only if the body returns, which is the isolation the protocol demands of real stores.
/// `@unchecked Sendable` because the state is only touched under `lock`.
final class InMemoryOfficerAssignmentStore: OfficerAssignmentStore, @unchecked Sendable {
    struct State {
        var staff: [StaffID: Staff] = [:]
        var tenures: [TenureID: HeadOfOfficeTenure] = [:]
        var assignments: [AssignmentID: Assignment] = [:]
    }

    final class Transaction: OfficerAssignmentTransaction {
        var state: State
        init(state: State) { self.state = state }

        func staff(id: StaffID) throws -> Staff? { state.staff[id] }
        func tenures() throws -> [HeadOfOfficeTenure] { Array(state.tenures.values) }
        func tenure(id: TenureID) throws -> HeadOfOfficeTenure? { state.tenures[id] }

        func insertTenure(_ tenure: HeadOfOfficeTenure) throws {
            precondition(state.tenures[tenure.id] == nil, "duplicate tenure id")
            state.tenures[tenure.id] = tenure
        }

        func updateTenure(_ tenure: HeadOfOfficeTenure, expectedVersion: Int) throws -> Bool {
            guard state.tenures[tenure.id]?.version == expectedVersion else { return false }
            state.tenures[tenure.id] = tenure
            return true
        }

        func assignment(id: AssignmentID) throws -> Assignment? { state.assignments[id] }

        func assignments(forOfficer officerID: StaffID) throws -> [Assignment] {
            state.assignments.values.filter { $0.officerID == officerID }
        }

        func insertAssignment(_ assignment: Assignment) throws {
            precondition(state.assignments[assignment.id] == nil, "duplicate assignment id")
            state.assignments[assignment.id] = assignment
        }

        func updateAssignment(_ assignment: Assignment, expectedVersion: Int) throws -> Bool {
            guard state.assignments[assignment.id]?.version == expectedVersion else { return false }
            state.assignments[assignment.id] = assignment
            return true
        }
    }

    private let lock = NSLock()
    private var state = State()

    func transaction<Result>(_ body: (Transaction) throws -> Result) throws -> Result {
        lock.lock()
        defer { lock.unlock() }
        let tx = Transaction(state: state)
        let result = try body(tx)
        state = tx.state
        return result
    }

    /// A copy of the committed state, for assertions.
    var snapshot: State {
        lock.lock()
        defer { lock.unlock() }
        return state
    }

    func put(_ staff: Staff) {
        lock.lock()
        defer { lock.unlock() }
        state.staff[staff.id] = staff
    }

    func put(_ tenure: HeadOfOfficeTenure) {
        lock.lock()
        defer { lock.unlock() }
        state.tenures[tenure.id] = tenure
    }
}
