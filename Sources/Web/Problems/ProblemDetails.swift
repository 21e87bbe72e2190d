/// An RFC 9457 problem: the one shape every error of the API takes on the wire
/// (`application/problem+json`), so clients handle failures in one way.
public struct ProblemDetails: Sendable, Equatable {
    /// A slug such as `not-found`, resolved against the configured base URI
    /// when rendered; an absolute URI (`https://…`, `urn:…`, `about:blank`) is kept as is.
    public var type: String
    public var title: String
    public var status: Int
    public var detail: String?
    public var instance: String?
    /// Per-field validation failures (`errors` member); omitted when empty.
    public var errors: [FieldError]
    /// Extension members, written after the standard ones; names that collide
    /// with a standard member are skipped.
    public var extensions: [JSONMember]

    public init(type: String, title: String, status: Int, detail: String? = nil, instance: String? = nil,
                errors: [FieldError] = [], extensions: [JSONMember] = []) {
        self.type = type
        self.title = title
        self.status = status
        self.detail = detail
        self.instance = instance
        self.errors = errors
        self.extensions = extensions
    }

    private static let standardMembers: Set<String> = ["type", "title", "status", "detail", "instance", "errors"]

    /// The `type` as an absolute URI: slugs are appended to `typeBase`.
    public func resolvedType(typeBase: String) -> String {
        if type == "about:blank" || type.contains(":") { return type }
        return typeBase + type
    }

    /// The JSON document, with `type` resolved against `typeBase`.
    public func jsonBytes(typeBase: String) -> [UInt8] {
        var writer = JSONWriter(reservingCapacity: 256)
        writer.beginObject()
        writer.field("type", resolvedType(typeBase: typeBase))
        writer.field("title", title)
        writer.field("status", status)
        if let detail { writer.field("detail", detail) }
        if let instance { writer.field("instance", instance) }
        if !errors.isEmpty {
            writer.key("errors")
            writer.beginArray()
            for error in errors {
                writer.beginObject()
                writer.field("field", error.field)
                writer.field("message", error.message)
                writer.endObject()
            }
            writer.endArray()
        }
        for member in extensions where !Self.standardMembers.contains(member.name) {
            writer.key(member.name)
            member.value.write(to: &writer)
        }
        writer.endObject()
        return writer.bytes
    }
}

/// One invalid input field: a dotted path in the request's own (snake_case)
/// names, such as `items[0].officer_id`, and what is wrong with it.
public struct FieldError: Sendable, Equatable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
