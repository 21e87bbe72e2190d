import Foundation
import HTTPCore
import Testing
@testable import Web

struct NewAssignment: Codable, Equatable {
    var officerId: String
    var decreeNumber: String
    var effectiveFrom: Date
    var effectiveUntil: Date?
    var items: [Item]

    struct Item: Codable, Equatable { var count: Int }
}

@Suite struct JSONTests {
    @Test func writerEscapingRoundTripsThroughJSONSerialization() throws {
        let tricky = ["plain", "quote\" backslash\\ slash/", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}",
                      "line\u{2028}para\u{2029}end", "émoji 🎉 中文", "\u{E2}\u{80}", ""]
        for text in tricky {
            var writer = JSONWriter()
            writer.beginObject()
            writer.field("value", text)
            writer.field("n", -42)
            writer.field("ok", true)
            writer.field("none", nil as String?)
            writer.key("list")
            writer.beginArray(); writer.int(1); writer.string(text); writer.null(); writer.endArray()
            writer.endObject()
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
            #expect(decoded["value"] as? String == text)
            #expect(decoded["n"] as? Int == -42)
            #expect(decoded["ok"] as? Bool == true)
            #expect(decoded["none"] is NSNull)
            #expect((decoded["list"] as? [Any])?.count == 3)
            let raw = String(decoding: writer.bytes, as: UTF8.self)
            #expect(!raw.contains("\u{2028}") && !raw.contains("\u{2029}"))
            #expect(!raw.unicodeScalars.contains { $0.value < 0x20 })
        }
        var writer = JSONWriter()
        writer.beginArray(); writer.double(1.5); writer.double(3); writer.double(.nan); writer.endArray()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == "[1.5,3,null]")
    }

    @Test func responsesUseSnakeCaseAndRFC3339() throws {
        let value = NewAssignment(officerId: "s1", decreeNumber: "800/1", effectiveFrom: Date(timeIntervalSince1970: 1_796_000_000),
                                  effectiveUntil: nil, items: [])
        let response = try HTTPResponse.json(value, status: .created)
        #expect(response.status == .created)
        #expect(response.headers["Content-Type"] == "application/json; charset=utf-8")
        let object = try #require(jsonObject(response))
        #expect(object["officer_id"] as? String == "s1")
        #expect(object["decree_number"] as? String == "800/1")
        #expect(object["effective_from"] as? String == "2026-11-30T00:53:20Z")
        let created = try HTTPResponse.created(location: "/v1/assignments/1", value)
        #expect(created.headers["Location"] == "/v1/assignments/1")
    }

    func decode(_ body: String, contentType: String? = "application/json") -> Result<NewAssignment, HTTPError> {
        var headers = HTTPHeaders()
        if let contentType { headers.add("Content-Type", contentType) }
        let request = makeRequest(.post, "/x", headers: headers, body: Array(body.utf8))
        return Result { () throws(HTTPError) in try request.decodeJSON(NewAssignment.self) }
    }

    static let valid = #"{"officer_id":"s1","decree_number":"d","effective_from":"2026-12-01T00:00:00+07:00","items":[{"count":1}],"unknown":true}"#

    @Test func decodesValidBodiesIgnoringUnknownFields() throws {
        let value = try decode(Self.valid, contentType: "Application/JSON; charset=UTF-8").get()
        #expect(value.officerId == "s1" && value.items == [.init(count: 1)])
        #expect(value.effectiveFrom == Date(timeIntervalSince1970: 1_796_058_000))
    }

    @Test func wrongContentTypeIs415() {
        for contentType in [nil, "text/plain", "application/json; charset=latin1", "application/jsonx"] {
            guard case .failure(let error) = decode(Self.valid, contentType: contentType) else {
                Issue.record("accepted \(contentType ?? "no content type")"); continue
            }
            #expect(error.status == .unsupportedMediaType)
        }
    }

    @Test func emptyOrMalformedBodyIs400WithPosition() {
        let cases = [("", "empty"), ("  \n", "empty"), ("{\"officer_id\": \"s1\",\n  \"x\": tru}", "line 2, column 11: unexpected '}'"),
                     ("{\"a\":1,}", "line 1, column 8"), ("[1, 2", "end of input"), ("{} extra", "after the JSON value")]
        for (body, expected) in cases {
            guard case .failure(let error) = decode(body) else { Issue.record("accepted \(body)"); continue }
            #expect(error.status == .badRequest, "\(body)")
            #expect(error.detail?.contains(expected) == true, Comment(rawValue: "\(body): \(error.detail ?? "")"))
        }
    }

    @Test func fieldProblemsAre422NamingTheField() {
        let cases = [
            (#"{"officer_id":5,"decree_number":"d","effective_from":"2026-12-01T00:00:00Z","items":[]}"#, "officer_id", "must be a string"),
            (#"{"officer_id":"s","decree_number":"d","effective_from":"2026-12-01T00:00:00Z","items":[{"count":"x"}]}"#, "items[0].count", "integer"),
            (#"{"officer_id":"s","effective_from":"2026-12-01T00:00:00Z","items":[]}"#, "decree_number", "is required"),
            (#"{"officer_id":null,"decree_number":"d","effective_from":"2026-12-01T00:00:00Z","items":[]}"#, "officer_id", "not null"),
            (#"[1]"#, "$", "must be"),
        ]
        for (body, field, message) in cases {
            guard case .failure(let error) = decode(body) else { Issue.record("accepted \(body)"); continue }
            #expect(error.status == .unprocessableContent, "\(body)")
            #expect(error.fieldErrors.first?.field == field, "\(body)")
            #expect(error.fieldErrors.first?.message.contains(message) == true, "\(body): \(error.fieldErrors)")
        }
    }

    @Test func snakeCaseConversion() {
        #expect(JSONConventions.snakeCase("officerId") == "officer_id")
        #expect(JSONConventions.snakeCase("effectiveUntil2") == "effective_until2")
        #expect(JSONConventions.snakeCase("nik") == "nik")
    }

    @Test func syntaxLocatorAcceptsValidJSON() {
        for valid in [#"{"a":[1,-2.5e+3,true,false,null,"\u00e9\n"]}"#, "  3 ", #""s""#, "[]", "{}"] {
            #expect(JSONSyntaxLocator.firstError(in: Array(valid.utf8)) == nil, "\(valid)")
        }
        #expect(JSONSyntaxLocator.firstError(in: Array(String(repeating: "[", count: 600).utf8))?.message == "nesting is too deep")
    }
}
