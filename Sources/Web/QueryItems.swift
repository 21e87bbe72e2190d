import HTTPCore

/// The query string's `name=value` pairs, form-decoded (`+` is a space, `%XX` a
/// byte), in order and with duplicate names kept (`?status=a&status=b`).
///
/// Lenient by design: a malformed escape stays literal and invalid UTF-8 becomes
/// U+FFFD, so a handler validating the value answers with its own 400/422.
public struct QueryItems: Sendable, Sequence {
    public typealias Element = (name: String, value: String)
    public let items: [Element]

    public init(_ items: [Element]) { self.items = items }

    /// Parses a raw query (the part after `?`, without it); nil gives no items.
    public init(parsing query: String?) {
        guard let query, !query.isEmpty else { items = []; return }
        items = query.split(separator: "&").map { pair in
            guard let equals = pair.firstIndex(of: "=") else { return (name: Self.formDecode(pair), value: "") }
            return (name: Self.formDecode(pair[..<equals]), value: Self.formDecode(pair[pair.index(after: equals)...]))
        }
    }

    public func makeIterator() -> IndexingIterator<[Element]> { items.makeIterator() }

    /// The first value of `name`.
    public subscript(name: String) -> String? { items.first { $0.name == name }?.value }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] { items.filter { $0.name == name }.map(\.value) }

    static func formDecode(_ raw: Substring) -> String {
        guard raw.utf8.contains(where: { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "%") }) else { return String(raw) }
        let utf8 = Array(raw.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var index = 0
        while index < utf8.count {
            let byte = utf8[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(0x20)
            } else if byte == UInt8(ascii: "%"), index + 2 < utf8.count,
                      let high = PathSegments.hexValue(utf8[index + 1]), let low = PathSegments.hexValue(utf8[index + 2]) {
                bytes.append(high << 4 | low)
                index += 2
            } else {
                bytes.append(byte)
            }
            index += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension HTTPRequest {
    /// The query string's items, form-decoded (see `QueryItems`).
    public var queryItems: QueryItems { QueryItems(parsing: head.query) }
}
