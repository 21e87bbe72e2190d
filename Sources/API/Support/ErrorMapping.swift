import Database
import Domain
import HTTPCore
import OfficerAssignment
import Storage
import Web

// The HTTP meaning of the errors of the layers below, in one place: Web's `ErrorResponder`
// renders any `HTTPResponseError`, so each error type below only says its status and problem.

extension ValidationError: HTTPResponseError {
    public var status: HTTPStatus { .unprocessableContent }
    public var problem: ProblemDetails {
        HTTPError.unprocessable(fieldErrors: fieldErrors.map(\.webFieldError)).problem
    }
}

extension Domain.FieldError {
    /// The wire form of a domain field error (the reason code stays in logs and tests).
    var webFieldError: Web.FieldError { Web.FieldError(field: field, message: message) }
}

extension OfficerAssignmentError: HTTPResponseError {
    public var status: HTTPStatus { httpError.status }
    public var problem: ProblemDetails { httpError.problem }

    private var httpError: HTTPError {
        switch code {
        case .notHeadOfOffice, .forbidden, .notServing:
            return .forbidden(Self.sentence(message))
        case .validationFailed:
            return .unprocessable(fieldErrors: fieldErrors.map(\.webFieldError))
        case .tenureOverlap, .assignmentOverlap, .wrongState:
            var error = HTTPError.conflict(Self.sentence(message))
            if let id = conflictingTenureID?.rawValue ?? conflictingAssignmentID?.rawValue {
                error.extensions.append(JSONMember("conflicting_id", .string(id)))
            }
            if let currentStatus {
                error.extensions.append(JSONMember("current_status", .string(currentStatus.rawValue)))
            }
            return error
        case .notFound:
            return .notFound(Self.sentence(message))
        case .versionMismatch:
            return .preconditionFailed(Self.sentence(message))
        default:
            return .conflict(Self.sentence(message))
        }
    }

    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }
}

extension StoreError: HTTPResponseError {
    public var status: HTTPStatus { httpError.status }
    public var problem: ProblemDetails { httpError.problem }
    public var headers: HTTPHeaders { httpError.headers }

    private var httpError: HTTPError {
        switch code {
        case .conflict:
            let field = self.field ?? "value"
            var error = HTTPError.conflict("The \(field) is already taken.")
            error.fieldErrors = [Web.FieldError(field: field, message: "is already taken")]
            return error
        case .notFound:
            return .notFound("No such resource.")
        case .versionMismatch:
            return .preconditionFailed("The resource has changed since it was read; fetch it again.")
        case .unavailable:
            return .serviceUnavailable(retryAfter: 5, "The database does not answer.")
        case .invalidCursor:
            return .badRequest("The cursor is not valid for this list and these filters.")
        default:
            return .internalServerError()
        }
    }
}

extension DatabaseError: HTTPResponseError {
    public var status: HTTPStatus { kind == .unavailable ? .serviceUnavailable : .internalServerError }
    public var problem: ProblemDetails {
        kind == .unavailable
            ? HTTPError.serviceUnavailable(retryAfter: 5, "The database does not answer.").problem
            : HTTPError.internalServerError().problem
    }
    public var headers: HTTPHeaders { kind == .unavailable ? ["Retry-After": "5"] : HTTPHeaders() }
}

extension ProcedureError: HTTPResponseError {
    public var status: HTTPStatus { httpError.status }
    public var problem: ProblemDetails { httpError.problem }

    private var httpError: HTTPError {
        switch code {
        case .invalidState:
            var error = HTTPError.conflict(OfficerAssignmentError.sentence(message))
            if let currentStatus {
                error.extensions.append(JSONMember("current_status", .string(currentStatus)))
            }
            return error
        case .notSessionOfficer:
            return .forbidden(OfficerAssignmentError.sentence(message))
        default:
            return .internalServerError()
        }
    }
}

extension NIKAlreadyRecorded: HTTPResponseError {
    public var status: HTTPStatus { .conflict }
    public var problem: ProblemDetails {
        var error = HTTPError.conflict("This NIK is already recorded for another applicant.")
        error.fieldErrors = [Web.FieldError(field: "nik", message: "is already recorded for another applicant")]
        if let id = existingApplicantID?.rawValue {
            error.extensions.append(JSONMember("conflicting_id", .string(id)))
        }
        return error.problem
    }
}
