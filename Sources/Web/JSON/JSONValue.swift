/// A JSON value for the few places that carry free-form data, such as the
/// extension members of a problem: small, `Sendable`, and written by `JSONWriter`.
public enum JSONValue: Sendable, Equatable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    /// Members in the order they are written.
    case object([JSONMember])

    /// Writes this value at the writer's current position.
    public func write(to writer: inout JSONWriter) {
        switch self {
        case .string(let s): writer.string(s)
        case .int(let i): writer.int(i)
        case .double(let d): writer.double(d)
        case .bool(let b): writer.bool(b)
        case .null: writer.null()
        case .array(let values):
            writer.beginArray()
            for value in values { value.write(to: &writer) }
            writer.endArray()
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.name)
                member.value.write(to: &writer)
            }
            writer.endObject()
        }
    }
}

/// One named member of a JSON object.
public struct JSONMember: Sendable, Equatable {
    public var name: String
    public var value: JSONValue

    public init(_ name: String, _ value: JSONValue) {
        self.name = name
        self.value = value
    }
}
