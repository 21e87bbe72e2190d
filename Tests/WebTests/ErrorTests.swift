import HTTPCore
import Testing
@testable import Web

struct DatabaseExploded: Error, CustomStringConvertible {
    var description: String { "connection to postgres://admin:topsecret@db failed" }
}

/// A domain error that knows its HTTP answer, as other modules' errors will.
struct VisitNotWaiting: HTTPResponseError {
    var status: HTTPStatus { .conflict }
    var problem: ProblemDetails {
        ProblemDetails(type: "visit-not-waiting", title: "Visit is not waiting", status: 409,
                       detail: "The visit is completed.", extensions: [JSONMember("visit_status", .string("completed")),
                                                                       JSONMember("status", .int(1))])
    }
}

@Suite struct ErrorTests {
    @Test func httpErrorsMapToTheirStatusAndHeaders() throws {
        let cases: [(HTTPError, Int, String)] = [
            (.badRequest("x"), 400, "bad-request"), (.notFound(), 404, "not-found"), (.conflict(), 409, "conflict"),
            (.forbidden(), 403, "forbidden"), (.preconditionFailed(), 412, "precondition-failed"),
            (.contentTooLarge(), 413, "content-too-large"), (.unsupportedMediaType(), 415, "unsupported-media-type"),
            (.unprocessable(fieldErrors: [FieldError(field: "nik", message: "must have 16 digits")]), 422, "validation-failed"),
            (.unauthorized(), 401, "unauthorized"), (.tooManyRequests(retryAfter: 30), 429, "too-many-requests"),
            (.serviceUnavailable(retryAfter: 0), 503, "service-unavailable"),
            (.methodNotAllowed(allow: [.get, .head]), 405, "method-not-allowed"),
        ]
        let table = Locked<[HTTPError]>(cases.map(\.0))
        let responder = makeResponder { router in
            router.get("/e/{index}") { _, context in
                throw table.value[Int(context.parameters["index"]!)!]
            }
        }
        defer { responder.shutdown() }
        for (index, (_, code, slug)) in cases.enumerated() {
            let response = try #require(send(responder, "/e/\(index)"))
            #expect(response.status.code == code)
            #expect(response.headers["Content-Type"] == ContentType.problemJSON)
            let problem = try #require(jsonObject(response))
            #expect(problem["type"] as? String == "https://klipso.test/problems/\(slug)")
            #expect(problem["status"] as? Int == code)
            #expect(problem["title"] as? String == response.status.reasonPhrase)
        }
        #expect(send(responder, "/e/8")?.headers["WWW-Authenticate"] == "Bearer")
        #expect(send(responder, "/e/9")?.headers["Retry-After"] == "30")
        #expect(send(responder, "/e/10")?.headers["Retry-After"] == "1")
        #expect(send(responder, "/e/11")?.headers["Allow"] == "GET, HEAD")
        let errors = try #require(jsonObject(send(responder, "/e/7"))?["errors"] as? [[String: String]])
        #expect(errors == [["field": "nik", "message": "must have 16 digits"]])
    }

    @Test func anyOtherErrorIsGeneric500AndLogged() throws {
        let log = CollectingSink()
        let responder = makeResponder({ router in
            router.add(middleware: RequestIDMiddleware())
            router.get("/boom") { _, _ in throw DatabaseExploded() }
        }, errorLog: log)
        defer { responder.shutdown() }
        let response = try #require(send(responder, "/boom", headers: ["X-Request-Id": "r-500"]))
        #expect(response.status == .internalServerError)
        #expect(!bodyText(response).contains("topsecret") && !bodyText(response).contains("DatabaseExploded"))
        let problem = try #require(jsonObject(response))
        #expect(problem["type"] as? String == "https://klipso.test/problems/internal-error")
        #expect(problem["request_id"] as? String == "r-500")
        let line = try #require(log.lines.value.first.flatMap(jsonObject))
        #expect(line["request_id"] as? String == "r-500")
        #expect((line["error_type"] as? String)?.contains("DatabaseExploded") == true)
    }

    @Test func missingPathParameterIsLogged500() {
        let log = CollectingSink()
        let responder = makeResponder({ router in
            router.get("/s/{id}") { _, context in .text(try context.parameters.require("idd")) }
        }, errorLog: log)
        defer { responder.shutdown() }
        #expect(send(responder, "/s/1")?.status == .internalServerError)
        #expect(log.lines.value.first?.contains("MissingParameterError") == true)
    }

    @Test func knownErrorsMeaningServerFailureAreLoggedButClientErrorsAreNot() {
        let log = CollectingSink()
        let responder = makeResponder({ router in
            router.get("/known500") { _, _ in throw HTTPError.internalServerError() }
            router.get("/known404") { _, _ in throw HTTPError.notFound() }
        }, errorLog: log)
        defer { responder.shutdown() }
        #expect(send(responder, "/known404")?.status == .notFound)
        #expect(log.lines.value.isEmpty)
        #expect(send(responder, "/known500")?.status == .internalServerError)
        #expect(log.lines.value.count == 1)
    }

    @Test func foreignHTTPResponseErrorKeepsItsProblemAndExtensions() throws {
        let responder = makeResponder { router in
            router.post("/v", options: .inline) { _, _ in throw VisitNotWaiting() }
        }
        defer { responder.shutdown() }
        let problem = try #require(jsonObject(send(responder, .post, "/v")))
        #expect(problem["type"] as? String == "https://klipso.test/problems/visit-not-waiting")
        #expect(problem["title"] as? String == "Visit is not waiting")
        #expect(problem["visit_status"] as? String == "completed")
        #expect(problem["status"] as? Int == 409, "an extension must not override a standard member")
    }

    @Test func parserErrorsRenderAsProblems() throws {
        let response = ProblemResponses.parserError(status: .requestHeaderFieldsTooLarge, reason: "Too many header fields.")
        #expect(response.status.code == 431)
        #expect(response.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        let problem = try #require(jsonObject(response))
        #expect(problem["type"] as? String == "https://klipso.example/problems/request-header-fields-too-large")
        #expect(problem["title"] as? String == "Request Header Fields Too Large")
        #expect(problem["status"] as? Int == 431)
        #expect(problem["detail"] as? String == "Too many header fields.")
        let custom = ProblemResponses.parserError(status: .uriTooLong, reason: "long", typeBase: "urn:p:")
        #expect(jsonObject(custom)?["type"] as? String == "urn:p:uri-too-long")
    }

    @Test func absoluteProblemTypesAreKept() {
        let blank = ProblemDetails(type: "about:blank", title: "Teapot", status: 418)
        #expect(blank.resolvedType(typeBase: "https://x/") == "about:blank")
        let absolute = ProblemDetails(type: "https://other.example/p", title: "t", status: 400)
        #expect(absolute.resolvedType(typeBase: "https://x/") == "https://other.example/p")
    }
}
