import Foundation
import HTTPCore

extension HTTPRequest {
    /// The body decoded as `type` in the API's conventions (`JSONConventions`).
    ///
    /// Throws `HTTPError`s ready to send: 415 unless `Content-Type` is
    /// `application/json` (charset utf-8 only), 400 for an empty or malformed
    /// body (with line and column), 422 with `errors` naming the field for a
    /// missing, null, mistyped or invalid value. Unknown fields are ignored.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws(HTTPError) -> T {
        guard let contentType = headers["Content-Type"], ContentType.mediaType(of: contentType) == "application/json" else {
            throw HTTPError.unsupportedMediaType("The request body must be application/json.")
        }
        if let charset = ContentType.parameters(of: contentType).first(where: { $0.name == "charset" }),
           !charset.value.asciiCaseInsensitiveEquals("utf-8") {
            throw HTTPError.unsupportedMediaType("The request body must be encoded in UTF-8.")
        }
        guard body.contains(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else {
            throw HTTPError.badRequest("The request body is empty; a JSON document is required.")
        }
        do {
            return try JSONConventions.makeDecoder().decode(T.self, from: Data(body))
        } catch let error as DecodingError {
            throw DecodingErrorMapper.httpError(for: error, body: body)
        } catch {
            throw HTTPError.badRequest("The request body is not valid JSON.")
        }
    }
}

/// Turns Foundation's `DecodingError` into a 400 (syntax) or a 422 naming the field.
enum DecodingErrorMapper {
    static func httpError(for error: DecodingError, body: [UInt8]) -> HTTPError {
        // Syntax first: Foundation may report a missing key before noticing trailing garbage.
        if let syntax = JSONSyntaxLocator.firstError(in: body) {
            return HTTPError.badRequest(syntax.description)
        }
        switch error {
        case .typeMismatch(let type, let context):
            return invalid(context.codingPath, "must be \(describe(type))")
        case .valueNotFound(let type, let context):
            return invalid(context.codingPath, "must be \(describe(type)), not null")
        case .keyNotFound(let key, let context):
            return invalid(context.codingPath + [key], "is required")
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return HTTPError.badRequest("The request body is not valid JSON.")
            }
            return invalid(context.codingPath, "is invalid: \(context.debugDescription)")
        @unknown default:
            return HTTPError.badRequest("The request body could not be decoded.")
        }
    }

    private static func invalid(_ path: [any CodingKey], _ message: String) -> HTTPError {
        HTTPError.unprocessable(fieldErrors: [FieldError(field: fieldPath(path), message: message)])
    }

    /// `[items, 0, officerId]` → `items[0].officer_id`; the whole body is `$`.
    static func fieldPath(_ path: [any CodingKey]) -> String {
        var result = ""
        for key in path {
            if let index = key.intValue {
                result += "[\(index)]"
            } else {
                if !result.isEmpty { result += "." }
                result += JSONConventions.snakeCase(key.stringValue)
            }
        }
        return result.isEmpty ? "$" : result
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type, is UInt64.Type: "an integer"
        case is Double.Type, is Float.Type, is Decimal.Type: "a number"
        case is [Any].Type: "an array"
        case is [String: Any].Type: "an object"
        default: "of type \(type)"
        }
    }
}
