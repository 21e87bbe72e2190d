import Foundation
import HTTPCore
import Web

/// A parsed JSON value, so request bodies can be checked member by member: unknown members
/// (422, every request schema has `additionalProperties: false`), absent versus `null` (merge
/// patch), and every bad field reported at once, which `Decodable` structs cannot do.
enum JSONInput: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONInput])
    case object([String: JSONInput])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode([JSONInput].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONInput].self))
        }
    }

    /// The body of `request` as a JSON object. 415 for another media type (PATCH also takes
    /// `application/merge-patch+json`), 400 for an empty, malformed or non-object body.
    static func object(of request: HTTPRequest, mergePatch: Bool = false) throws -> [String: JSONInput] {
        guard let contentType = request.headers["Content-Type"] else {
            throw HTTPError.unsupportedMediaType("Send the body as application/json.")
        }
        let mediaType = ContentType.mediaType(of: contentType)
        let accepted = mediaType == "application/json" || (mergePatch && mediaType == "application/merge-patch+json")
        guard accepted else {
            throw HTTPError.unsupportedMediaType(mergePatch
                ? "Send the body as application/merge-patch+json or application/json."
                : "Send the body as application/json.")
        }
        if let charset = ContentType.parameters(of: contentType).first(where: { $0.name == "charset" }),
           charset.value.lowercased() != "utf-8" {
            throw HTTPError.unsupportedMediaType("The request body must be encoded in UTF-8.")
        }
        guard request.body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw HTTPError.badRequest("The request body is empty; a JSON object is required.")
        }
        let value: JSONInput
        do {
            value = try JSONDecoder().decode(JSONInput.self, from: Data(request.body))
        } catch {
            throw HTTPError.badRequest("The request body is not valid JSON.")
        }
        guard case .object(let members) = value else {
            throw HTTPError.badRequest("The request body must be a JSON object.")
        }
        return members
    }
}

/// A member that may be absent, explicitly `null`, or set: the three cases of a merge patch.
enum PatchValue<Value> {
    case absent
    case null
    case value(Value)
}
