import Domain
import Storage
import Web

/// Who is calling: a staff member (by token) or an integration (by API key).
///
/// Exists so handlers decide on one value; which of the two credentials was presented, and
/// how it was checked, is the bearer middleware's business.
public enum Principal: Sendable {
    case staff(Staff)
    case apiKey(APIKey)

    /// How audit events name this principal.
    public var auditActor: AuditActor {
        switch self {
        case .staff(let staff): .staff(staff.id)
        case .apiKey(let key): .apiKey(key.id)
        }
    }
}

/// What the bearer middleware found in `Authorization`.
public enum Authentication: Sendable {
    /// No bearer credentials were sent.
    case anonymous
    /// A bearer token was sent but is unknown, expired, revoked, or its account inactive.
    case invalid
    case authenticated(Principal)
}

/// The request-context slot holding the `Authentication`.
public enum AuthenticationKey: RequestStorageKey {
    public typealias Value = Authentication
}

extension RequestContext {
    public var authentication: Authentication { storage[AuthenticationKey.self] ?? .anonymous }

    /// The principal, or 401 (`Bearer`, or `Bearer error="invalid_token"` for a bad token).
    public func requirePrincipal() throws -> Principal {
        switch authentication {
        case .anonymous: throw HTTPError.unauthorized("A valid bearer token is required.")
        case .invalid: throw HTTPError.unauthorized("The bearer token is unknown, expired or revoked.", invalidToken: true)
        case .authenticated(let principal): return principal
        }
    }

    /// An active staff member; API keys get 403.
    public func requireStaff() throws -> Staff {
        switch try requirePrincipal() {
        case .staff(let staff): return staff
        case .apiKey: throw HTTPError.forbidden("API keys may not use this operation.")
        }
    }

    /// A staff member holding `role`.
    public func requireRole(_ role: Role) throws -> Staff {
        let staff = try requireStaff()
        guard staff.mayAct(as: role) else {
            throw HTTPError.forbidden("This operation needs the \(role.rawValue) role.")
        }
        return staff
    }

    /// Any staff member, or an API key holding `scope` (keys are read-only).
    public func requireStaffOrScope(_ scope: String) throws -> Principal {
        let principal = try requirePrincipal()
        if case .apiKey(let key) = principal, !key.hasScope(scope) {
            throw HTTPError.forbidden("This API key lacks the \(scope) scope.")
        }
        return principal
    }
}
