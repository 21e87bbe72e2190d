/// One field of a JSON merge patch (RFC 7396): left out, `null`, or a new value.
///
/// Why it exists: "absent" and "null" mean different things in a merge patch (keep vs clear),
/// which `Optional` alone cannot express.
public enum PatchField<Value: Sendable & Hashable>: Sendable, Hashable {
    case unchanged
    case clear
    case set(Value)

    /// The value after applying this field to `current`.
    public func applied(to current: Value?) -> Value? {
        switch self {
        case .unchanged: current
        case .clear: nil
        case .set(let value): value
        }
    }
}
