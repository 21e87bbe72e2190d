import Domain
import Foundation

/// Proof that a staff member held an assignment active at a given moment.
///
/// Opening a consultation session takes a `ServingOfficer` as a parameter, so no code path
/// can open one without this module having checked the assignment. The type is made
/// non-forgeable by construction:
///
/// - its only initialiser is `internal`: outside this module the one way to obtain a value is
///   `OfficerAssignmentService.proveServing`, which checks an active assignment exists;
/// - it is not `Decodable`, so it cannot be conjured from JSON or a database row;
/// - it carries no mutable state.
///
/// (A test target using `@testable import OfficerAssignment` could reach the initialiser;
/// release builds are not compiled for testing.) The proof speaks of `checkedAt` only: use it
/// at once, ideally in the same store transaction as the check, so a concurrent revocation
/// cannot slip in between.
public struct ServingOfficer: Sendable, Hashable, CustomStringConvertible {
    public let officerID: StaffID
    public let assignmentID: AssignmentID
    /// The instant at which the assignment was found active.
    public let checkedAt: Date
    /// The office-local day of `checkedAt`.
    public let checkedOn: LocalDate

    init(officerID: StaffID, assignmentID: AssignmentID, checkedAt: Date, checkedOn: LocalDate) {
        self.officerID = officerID
        self.assignmentID = assignmentID
        self.checkedAt = checkedAt
        self.checkedOn = checkedOn
    }

    public var description: String { "officer \(officerID) serving under \(assignmentID) at \(checkedOn)" }
}
