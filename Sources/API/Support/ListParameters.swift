import Cryptography
import Storage
import Web

/// `?limit=` and `?cursor=` of every list, and the opaque cursor the API hands out.
///
/// The cursor wraps the storage cursor together with a fingerprint of the list's filters, so
/// a cursor used with other filters is refused (400) instead of silently skipping rows.
struct ListParameters {
    let limit: Int
    /// The storage-level cursor inside the client's cursor, nil for the first page.
    let innerCursor: String?
    let fingerprint: String

    /// Parses `limit` and `cursor` for a list named `list` whose filters are `filters`
    /// (already validated, in a fixed order).
    init(_ query: QueryItems, list: String, filters: [String] = []) throws {
        fingerprint = String(SHA256.hexDigest(([list] + filters).joined(separator: "\u{1F}")).prefix(16))
        if let text = query["limit"] {
            guard let value = Int(text) else {
                throw HTTPError(.badRequest, type: "bad-request", detail: "limit must be an integer.",
                                fieldErrors: [Web.FieldError(field: "limit", message: "must be an integer")])
            }
            guard (1...PageRequest.maximumLimit).contains(value) else {
                throw HTTPError.unprocessable(fieldErrors: [
                    Web.FieldError(field: "limit", message: "must be between 1 and \(PageRequest.maximumLimit)")])
            }
            limit = value
        } else {
            limit = PageRequest.defaultLimit
        }
        if let cursor = query["cursor"] {
            guard cursor.utf8.count <= 512, let bytes = Base64URL.decode(cursor),
                  let text = String(validating: bytes, as: UTF8.self),
                  let separator = text.firstIndex(of: "|"), text[..<separator] == fingerprint else {
                throw HTTPError(.badRequest, type: "bad-request",
                                detail: "The cursor is not valid for this list and these filters.",
                                fieldErrors: [Web.FieldError(field: "cursor", message: "is not valid for this list")])
            }
            innerCursor = String(text[text.index(after: separator)...])
        } else {
            innerCursor = nil
        }
    }

    var page: PageRequest { PageRequest(limit: limit, cursor: innerCursor) }

    /// The client-facing cursor for a storage-level `next` cursor.
    func wrap(_ next: String?) -> String? {
        next.map { Base64URL.encode(Array("\(fingerprint)|\($0)".utf8)) }
    }
}
