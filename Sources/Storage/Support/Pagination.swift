import Cryptography

/// One page requested by a client: at most `limit` items after the opaque `cursor`.
///
/// Why it exists: every list endpoint pages the same way (`?limit=` default 50, max 200,
/// `?cursor=`). Keyset pagination on an indexed, unique sort key makes a walk through the
/// pages never repeat nor skip a row, even while rows are added between pages.
public struct PageRequest: Sendable, Hashable {
    public static let defaultLimit = 50
    public static let maximumLimit = 200

    /// Clamped to `1...maximumLimit`.
    public let limit: Int
    /// The `next_cursor` of the previous page, or nil for the first page.
    public let cursor: String?

    public init(limit: Int = PageRequest.defaultLimit, cursor: String? = nil) {
        self.limit = min(max(1, limit), Self.maximumLimit)
        self.cursor = cursor
    }
}

/// One page of results and the cursor for the next page (nil on the last page).
public struct Page<Item: Sendable>: Sendable {
    public let items: [Item]
    public let nextCursor: String?

    public init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }
}

/// The opaque cursor: base64url of `<list>:<last sort key>`.
///
/// The list tag makes a cursor from one list invalid for another instead of silently
/// meaning something else.
enum PageCursor {
    static func encode(list: String, key: String) -> String {
        Base64URL.encode(Array("\(list):\(key)".utf8))
    }

    /// The sort key inside `cursor`, nil for no cursor; throws `invalidCursor` when malformed.
    static func decode(_ cursor: String?, list: String) throws -> String? {
        guard let cursor else { return nil }
        let prefix = "\(list):"
        guard let bytes = Base64URL.decode(cursor), let text = String(validating: bytes, as: UTF8.self),
              text.hasPrefix(prefix) else {
            throw StoreError(.invalidCursor, "the cursor is not valid for this list")
        }
        return String(text.dropFirst(prefix.count))
    }

    /// An integer sort key (e.g. an audit sequence number).
    static func decodeInteger(_ cursor: String?, list: String) throws -> Int64? {
        guard let key = try decode(cursor, list: list) else { return nil }
        guard let value = Int64(key) else { throw StoreError(.invalidCursor, "the cursor is not valid for this list") }
        return value
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only says there is more.
    static func page<Item>(_ fetched: [Item], limit: Int, list: String, key: (Item) -> String) -> Page<Item> {
        guard fetched.count > limit else { return Page(items: fetched, nextCursor: nil) }
        let items = Array(fetched.prefix(limit))
        return Page(items: items, nextCursor: items.last.map { encode(list: list, key: key($0)) })
    }
}
