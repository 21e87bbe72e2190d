/// An ordered list of header fields with case-insensitive lookup.
///
/// Order and duplicates are kept because HTTP semantics depend on them
/// (duplicate `Content-Length`, `Set-Cookie`); lookups compare names
/// ASCII-case-insensitively as RFC 9110 requires.
public struct HTTPHeaders: Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public typealias Element = (name: String, value: String)
    public private(set) var fields: [Element] = []

    public init() {}
    public init(_ fields: [(String, String)]) { self.fields = fields.map { (name: $0.0, value: $0.1) } }
    public init(dictionaryLiteral elements: (String, String)...) { self.init(elements) }

    public func makeIterator() -> IndexingIterator<[Element]> { fields.makeIterator() }
    public var count: Int { fields.count }

    /// The first value of `name`, if present.
    public subscript(name: String) -> String? {
        for field in fields where field.name.asciiCaseInsensitiveEquals(name) { return field.value }
        return nil
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.name.asciiCaseInsensitiveEquals(name) }.map(\.value)
    }

    public func contains(_ name: String) -> Bool { self[name] != nil }

    /// Reserves room for `count` fields, so a parser filling a head does not reallocate.
    public mutating func reserveCapacity(_ count: Int) { fields.reserveCapacity(count) }

    /// Appends a field, keeping any existing ones of the same name.
    public mutating func add(_ name: String, _ value: String) { fields.append((name: name, value: value)) }

    /// Replaces every field of `name` with a single one.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        fields.append((name: name, value: value))
    }

    /// Removes every field of `name`. Leaves the storage untouched (no copy of a
    /// shared array) when there is none.
    public mutating func remove(_ name: String) {
        guard contains(name) else { return }
        fields.removeAll { $0.name.asciiCaseInsensitiveEquals(name) }
    }

    /// Whether a comma-separated header (such as `Connection`) lists `token`, case-insensitively.
    public func containsToken(_ token: String, in name: String) -> Bool {
        // Asked for every request and response (`Connection: close`): walk the
        // bytes in place instead of building arrays of values and elements.
        for field in fields where field.name.asciiCaseInsensitiveEquals(name) {
            let found = field.value.utf8.withContiguousStorageIfAvailable { value in
                token.utf8.withContiguousStorageIfAvailable { Self.list(value, containsToken: $0) }
            }
            if let found, let result = found {
                if result { return true }
            } else if field.value.split(separator: ",").contains(where: { $0.trimmingASCIISpaces().asciiCaseInsensitiveEquals(token) }) {
                return true
            }
        }
        return false
    }

    /// Whether the comma-separated `list` has an element equal to `token`
    /// (OWS trimmed, ASCII case-insensitive).
    private static func list(_ list: UnsafeBufferPointer<UInt8>, containsToken token: UnsafeBufferPointer<UInt8>) -> Bool {
        guard !token.isEmpty else { return false } // empty elements never count, as with `split`
        var start = 0
        while start <= list.count {
            var end = start
            while end < list.count && list[end] != 0x2C { end += 1 }
            var lower = start, upper = end
            while lower < upper && (list[lower] == 0x20 || list[lower] == 0x09) { lower += 1 }
            while upper > lower && (list[upper - 1] == 0x20 || list[upper - 1] == 0x09) { upper -= 1 }
            if upper - lower == token.count
                && asciiCaseInsensitiveEqualBytes(UnsafeBufferPointer(rebasing: list[lower..<upper]), token) {
                return true
            }
            start = end + 1
        }
        return false
    }
}

extension StringProtocol {
    /// ASCII case-insensitive comparison, the rule for header names and tokens.
    public func asciiCaseInsensitiveEquals(_ other: some StringProtocol) -> Bool {
        let a = self.utf8, b = other.utf8
        guard a.count == b.count else { return false }
        // Native strings: compare the contiguous bytes directly (no iterators).
        let contiguous = a.withContiguousStorageIfAvailable { x in
            b.withContiguousStorageIfAvailable { y in asciiCaseInsensitiveEqualBytes(x, y) }
        }
        if let contiguous, let result = contiguous { return result }
        for (x, y) in zip(a, b) where x != y {
            let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
            let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
            if lx != ly { return false }
        }
        return true
    }

    /// The string without leading and trailing spaces and tabs (HTTP's OWS).
    public func trimmingASCIISpaces() -> Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return s
    }
}

/// Byte-wise ASCII case-insensitive equality of two equally long buffers.
@inline(__always)
func asciiCaseInsensitiveEqualBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<a.count {
        let x = a[i], y = b[i]
        if x == y { continue }
        let lx = (x >= 65 && x <= 90) ? x | 0x20 : x
        let ly = (y >= 65 && y <= 90) ? y | 0x20 : y
        if lx != ly { return false }
    }
    return true
}
