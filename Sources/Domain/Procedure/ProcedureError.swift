/// A procedure rule refused an operation: the resource is in the wrong state, or the caller is
/// not the one allowed to act on it.
///
/// Why it exists: the HTTP layer answers these differently (``Code/invalidState`` → 409 with
/// `current_status`, ``Code/notSessionOfficer`` → 403) and must not parse messages. A growable
/// struct with a code, like the module's other errors.
public struct ProcedureError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let name: String
        public init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The visit or session is not in a state that allows the operation (409).
        public static let invalidState = Code("invalidState")
        /// Only the officer who opened the session may change or complete it (403).
        public static let notSessionOfficer = Code("notSessionOfficer")
        /// The visit given does not belong to the session (a caller bug; 500).
        public static let mismatchedVisit = Code("mismatchedVisit")
    }

    public let code: Code
    /// The current state, as the contract spells it (`waiting`, `completed`, …), for 409s.
    public let currentStatus: String?
    /// For logs and the problem's `detail`; never contains personal data.
    public let message: String

    public init(_ code: Code, currentStatus: String? = nil, message: String) {
        self.code = code
        self.currentStatus = currentStatus
        self.message = message
    }

    public var description: String {
        "ProcedureError.\(code): \(message)" + (currentStatus.map { " [current status \($0)]" } ?? "")
    }

    static func illegal(_ action: String, from status: VisitStatus, resource: String = "visit") -> ProcedureError {
        ProcedureError(.invalidState, currentStatus: status.rawValue,
                       message: "cannot \(action): the \(resource) is \(status.rawValue)")
    }
}
