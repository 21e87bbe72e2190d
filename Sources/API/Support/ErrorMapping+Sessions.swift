import Domain
import OfficerAssignment
import Web

/// The HTTP meaning of `ProcedureError` for the session routes.
///
/// Why it exists: the session handlers turn the domain's refusals into problems explicitly
/// (rather than through an `HTTPResponseError` conformance), so another resource may add a
/// conformance of its own without the two colliding. Same wording as `ErrorMapping.swift`.
enum SessionErrorMapping {
    static func httpError(_ error: ProcedureError) -> HTTPError {
        let detail = OfficerAssignmentError.sentence(error.message)
        switch error.code {
        case .notSessionOfficer:
            return .forbidden(detail)
        case .invalidState:
            var conflict = HTTPError.conflict(detail)
            if let current = error.currentStatus {
                conflict.extensions.append(JSONMember("current_status", .string(current)))
            }
            return conflict
        default:
            return .internalServerError()
        }
    }

    /// Runs `body`, rethrowing a `ProcedureError` as its `HTTPError`.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ProcedureError {
            throw httpError(error)
        }
    }
}
