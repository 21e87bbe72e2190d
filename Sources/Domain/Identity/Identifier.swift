/// What an identifier identifies; a phantom tag that makes `StaffID` and `AssignmentID`
/// different types although both are strings underneath.
public protocol IdentifierKind: Sendable {
    /// A short lowercase noun used in diagnostics, e.g. `staff`.
    static var name: String { get }
}

/// An opaque, string-backed resource identifier.
///
/// Exists so that passing an assignment id where a staff id is expected is a compile error,
/// and so the encoding of ids stays a server detail: clients see an opaque string. Ids made
/// by `TimeOrderedIdentifierGenerator` sort by creation time, which keyset pagination uses.
public struct Identifier<Kind: IdentifierKind>: Sendable, Hashable, Comparable, Codable,
    CustomStringConvertible {
    public let rawValue: String

    /// Wraps a value read back from storage or produced by a generator; not checked.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Accepts text from a client (a URL segment or a JSON field) only if it has the shape
    /// our generator produces, so malformed ids are rejected before they reach storage.
    public init?(parsing text: String) {
        guard TimeOrderedIdentifierGenerator.isWellFormed(text) else { return nil }
        self.rawValue = text
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: Identifier, rhs: Identifier) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Tag for `StaffID`.
public enum StaffKind: IdentifierKind { public static let name = "staff" }
/// Tag for `TenureID`.
public enum TenureKind: IdentifierKind { public static let name = "tenure" }
/// Tag for `AssignmentID`.
public enum AssignmentKind: IdentifierKind { public static let name = "assignment" }
/// Tag for `ApplicantID`.
public enum ApplicantKind: IdentifierKind { public static let name = "applicant" }
/// Tag for `VisitID`.
public enum VisitKind: IdentifierKind { public static let name = "visit" }
/// Tag for `SessionID`.
public enum SessionKind: IdentifierKind { public static let name = "session" }
/// Tag for `AuditEventID`.
public enum AuditEventKind: IdentifierKind { public static let name = "audit_event" }

/// A staff account (`/v1/staff/{id}`).
public typealias StaffID = Identifier<StaffKind>
/// A head-of-office tenure record.
public typealias TenureID = Identifier<TenureKind>
/// A KLIPSO officer assignment (`/v1/assignments/{id}`).
public typealias AssignmentID = Identifier<AssignmentKind>
/// An applicant (`/v1/applicants/{id}`).
public typealias ApplicantID = Identifier<ApplicantKind>
/// A front-office visit (`/v1/visits/{id}`).
public typealias VisitID = Identifier<VisitKind>
/// A consultation session (`/v1/sessions/{id}`).
public typealias SessionID = Identifier<SessionKind>
/// An audit event.
public typealias AuditEventID = Identifier<AuditEventKind>
