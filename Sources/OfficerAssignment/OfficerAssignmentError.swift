import Domain

/// Why an officer-assignment operation was refused, with the context a client needs.
///
/// A growable struct with a `code` rather than an enum, so new reasons do not break callers.
/// Suggested HTTP mapping (done in one place by the web layer, not here):
///
/// | code | status |
/// |---|---|
/// | `notHeadOfOffice`, `forbidden`, `notServing` | 403 |
/// | `validationFailed` | 422 (with `fieldErrors`) |
/// | `tenureOverlap`, `assignmentOverlap`, `wrongState` | 409 |
/// | `notFound` | 404 |
/// | `versionMismatch` | 412 |
public struct OfficerAssignmentError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable reason code.
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public let rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The actor does not hold the head-of-office tenure covering today.
        public static let notHeadOfOffice = Code(rawValue: "not_head_of_office")
        /// The actor lacks the role the operation needs (e.g. admin for tenures).
        public static let forbidden = Code(rawValue: "forbidden")
        /// The staff member has no assignment active at this moment.
        public static let notServing = Code(rawValue: "not_serving")
        /// Input breaks a rule; see `fieldErrors`.
        public static let validationFailed = Code(rawValue: "validation_failed")
        /// The tenure would overlap `conflictingTenureID`.
        public static let tenureOverlap = Code(rawValue: "tenure_overlap")
        /// The officer already has a non-revoked assignment, `conflictingAssignmentID`,
        /// for some of the same days.
        public static let assignmentOverlap = Code(rawValue: "assignment_overlap")
        /// The resource is not in a state that allows the operation; see `currentStatus`.
        public static let wrongState = Code(rawValue: "wrong_state")
        public static let notFound = Code(rawValue: "not_found")
        /// `If-Match` named a version other than the current one.
        public static let versionMismatch = Code(rawValue: "version_mismatch")
    }

    public let code: Code
    public let message: String
    public var fieldErrors: [FieldError] = []
    public var conflictingTenureID: TenureID?
    public var conflictingAssignmentID: AssignmentID?
    public var currentStatus: AssignmentStatus?

    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code): \(message)" }

    static func validation(_ problems: ValidationError) -> OfficerAssignmentError {
        var error = OfficerAssignmentError(code: .validationFailed, message: "the request breaks a rule")
        error.fieldErrors = problems.fieldErrors
        return error
    }

    static func notHeadOfOffice(on day: LocalDate, action: String) -> OfficerAssignmentError {
        OfficerAssignmentError(code: .notHeadOfOffice,
                               message: "only the head of office holding the tenure on \(day) may \(action)")
    }

    static func tenureOverlap(_ tenure: HeadOfOfficeTenure) -> OfficerAssignmentError {
        var error = OfficerAssignmentError(
            code: .tenureOverlap,
            message: "the period overlaps tenure \(tenure.id) starting \(tenure.startsOn)")
        error.conflictingTenureID = tenure.id
        return error
    }

    static func versionMismatch(expected: Int, current: Int) -> OfficerAssignmentError {
        OfficerAssignmentError(code: .versionMismatch,
                               message: "expected version \(expected) but the current version is \(current)")
    }
}
