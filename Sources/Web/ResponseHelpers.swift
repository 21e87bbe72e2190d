import Foundation
import HTTPCore

/// Short constructors for the responses handlers return, so content types and
/// JSON conventions are set the same way everywhere.
extension HTTPResponse {
    /// `value` as JSON in the API's conventions (see `JSONConventions`).
    /// Throws the encoder's error (a 500 through `ErrorResponder`).
    public static func json(_ value: some Encodable, status: HTTPStatus = .ok,
                            headers: HTTPHeaders = HTTPHeaders()) throws -> HTTPResponse {
        let data = try JSONConventions.makeEncoder().encode(value)
        return json(bytes: Array(data), status: status, headers: headers)
    }

    /// Already-encoded JSON, e.g. from a `JSONWriter`.
    public static func json(bytes: [UInt8], status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var allHeaders = headers
        allHeaders.set("Content-Type", ContentType.json)
        return HTTPResponse(status: status, headers: allHeaders, body: .bytes(bytes))
    }

    /// A JSON document written with `JSONWriter`.
    public static func json(writer: JSONWriter, status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        json(bytes: writer.bytes, status: status, headers: headers)
    }

    /// A JSON literal known at compile time, such as `{"status":"ok"}`.
    public static func json(bytes literal: String, status: HTTPStatus = .ok) -> HTTPResponse {
        json(bytes: Array(literal.utf8), status: status)
    }

    /// 201 with `Location` and the created resource as JSON.
    public static func created(location: String, _ value: some Encodable) throws -> HTTPResponse {
        try json(value, status: .created, headers: ["Location": location])
    }

    /// Text in UTF-8 with the given content type (plain text by default).
    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = ContentType.plainText) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: .bytes(Array(text.utf8)))
    }

    /// 204 with no body.
    public static var noContent: HTTPResponse { HTTPResponse(status: .noContent) }
}
