import Cryptography
import HTTPCore
import Web

/// `ETag`, `If-None-Match` and `If-Match` as the contract defines them: a single resource's tag
/// is its version in double quotes; a list's is a hash of its body.
enum EntityTags {
    static func forVersion(_ version: Int) -> String { "\"\(version)\"" }

    static func forBody(_ bytes: [UInt8]) -> String { "\"" + String(SHA256.hexDigest(bytes).prefix(32)) + "\"" }

    /// The tags of a comma-separated header value, `W/` removed (weak comparison for GET).
    static func tags(in value: String) -> [String] {
        value.split(separator: ",").map { part in
            let tag = part.trimmingASCIISpaces()
            return String(tag.hasPrefix("W/") ? tag.dropFirst(2) : tag)
        }
    }

    /// Whether `If-None-Match` holds a tag equal to `tag` (or `*`).
    static func notModified(_ request: HTTPRequest, tag: String) -> Bool {
        guard let header = request.headers["If-None-Match"] else { return false }
        return tags(in: header).contains { $0 == "*" || $0 == tag }
    }

    /// Throws 412 unless `If-Match` is absent, `*`, or names `version`.
    static func requireMatch(_ request: HTTPRequest, version: Int) throws {
        guard let header = request.headers["If-Match"] else { return }
        let current = forVersion(version)
        // If-Match uses strong comparison: a weak tag never matches.
        let matches = header.split(separator: ",").contains { part in
            let tag = part.trimmingASCIISpaces()
            return tag == "*" || tag == current
        }
        if !matches {
            throw HTTPError.preconditionFailed("The resource is at version \(version); fetch it again and retry.")
        }
    }
}

/// Builds JSON responses for resources and lists with their `ETag`, answering 304 when the
/// client's `If-None-Match` still matches.
enum ResourceResponse {
    static func single(_ request: HTTPRequest, version: Int, status: HTTPStatus = .ok, location: String? = nil,
                       write: (inout JSONWriter) -> Void) -> HTTPResponse {
        let tag = EntityTags.forVersion(version)
        if request.method == .get || request.method == .head, EntityTags.notModified(request, tag: tag) {
            return HTTPResponse(status: .notModified, headers: ["ETag": tag])
        }
        var writer = JSONWriter(reservingCapacity: 512)
        write(&writer)
        var headers: HTTPHeaders = ["ETag": tag]
        if let location { headers.set("Location", location) }
        return .json(writer: writer, status: status, headers: headers)
    }

    /// `{"items": [...], "next_cursor": ...}` with a body-hash `ETag`.
    static func list<Item>(_ request: HTTPRequest, items: [Item], nextCursor: String?,
                           write: (Item, inout JSONWriter) -> Void) -> HTTPResponse {
        var writer = JSONWriter(reservingCapacity: 256 + items.count * 400)
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for item in items { write(item, &writer) }
        writer.endArray()
        writer.field("next_cursor", nextCursor)
        writer.endObject()
        let tag = EntityTags.forBody(writer.bytes)
        if EntityTags.notModified(request, tag: tag) {
            return HTTPResponse(status: .notModified, headers: ["ETag": tag])
        }
        return .json(writer: writer, headers: ["ETag": tag])
    }
}

extension JSONWriter {
    mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for value in strings { string(value) }
        endArray()
    }

    mutating func field(_ name: String, map: [String: String]?) {
        key(name)
        guard let map else { return null() }
        beginObject()
        for (mapKey, value) in map.sorted(by: { $0.key < $1.key }) { field(mapKey, value) }
        endObject()
    }
}
