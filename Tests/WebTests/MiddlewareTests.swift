import HTTPCore
import Testing
@testable import Web

/// Records the order in which middleware runs.
struct TagMiddleware: Middleware {
    let tag: String
    func handle(_ request: HTTPRequest, context: inout RequestContext,
                next: (HTTPRequest, inout RequestContext) -> HTTPResponse) -> HTTPResponse {
        var response = next(request, &context)
        response.headers.add("X-Order", tag)
        return response
    }
}

/// Throws before calling `next`, as an authentication middleware would.
struct RejectingMiddleware: Middleware {
    func handle(_ request: HTTPRequest, context: inout RequestContext,
                next: (HTTPRequest, inout RequestContext) -> HTTPResponse) throws -> HTTPResponse {
        if request.headers["Authorization"] == nil { throw HTTPError.unauthorized("No credentials.") }
        return next(request, &context)
    }
}

@Suite struct MiddlewareTests {
    @Test func requestIDIsGeneratedOnEveryResponseIncludingErrors() throws {
        let responder = makeResponder { router in
            router.add(middleware: RequestIDMiddleware())
            router.get("/ok") { _, context in .text(context.requestID) }
            router.get("/fail") { _, _ in throw HTTPError.conflict("taken") }
        }
        defer { responder.shutdown() }
        let ok = try #require(send(responder, "/ok"))
        let id = try #require(ok.headers["X-Request-Id"])
        #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
        #expect(bodyText(ok) == id)
        let other = try #require(send(responder, "/ok").flatMap { $0.headers["X-Request-Id"] })
        #expect(other != id)
        for target in ["/fail", "/missing", "/v1/%00"] {
            let response = try #require(send(responder, target))
            let errorID = try #require(response.headers["X-Request-Id"], "\(target)")
            #expect(jsonObject(response)?["request_id"] as? String == errorID)
        }
        #expect(send(responder, .post, "/ok")?.headers["X-Request-Id"] != nil)
    }

    @Test func saneClientRequestIDIsEchoedAndInsaneOneReplaced() throws {
        let responder = makeResponder { router in
            router.add(middleware: RequestIDMiddleware())
            router.get("/ok", options: .inline) { _, context in .text(context.requestID) }
        }
        defer { responder.shutdown() }
        let echoed = send(responder, "/ok", headers: ["x-request-id": "client-abc_123.XYZ"])
        #expect(echoed?.headers["X-Request-Id"] == "client-abc_123.XYZ")
        #expect(bodyText(echoed) == "client-abc_123.XYZ")
        for insane in ["", "has space", String(repeating: "a", count: 129), "tab\there", "é"] {
            let response = send(responder, "/ok", headers: ["X-Request-Id": insane])
            let id = response?.headers["X-Request-Id"]
            #expect(id != insane && id?.count == 32, "\(insane)")
        }
        #expect(send(responder, "/ok", headers: ["X-Request-Id": String(repeating: "b", count: 128)])?
            .headers["X-Request-Id"] == String(repeating: "b", count: 128))
    }

    @Test func middlewareRunsInOrderAroundHandlersAnd404s() {
        let responder = makeResponder { router in
            router.add(middleware: TagMiddleware(tag: "outer"))
            router.add(middleware: TagMiddleware(tag: "inner"))
            router.get("/x") { _, _ in .text("x") }
        }
        defer { responder.shutdown() }
        #expect(send(responder, "/x")?.headers.values("X-Order") == ["inner", "outer"])
        #expect(send(responder, "/none")?.headers.values("X-Order") == ["inner", "outer"])
        #expect(send(responder, .put, "/x")?.headers.values("X-Order") == ["inner", "outer"])
    }

    @Test func errorThrownByMiddlewareBecomesProblemSeenByOuterMiddleware() throws {
        let responder = makeResponder { router in
            router.add(middleware: RequestIDMiddleware())
            router.add(middleware: RejectingMiddleware())
            router.get("/private") { _, _ in .text("secret") }
        }
        defer { responder.shutdown() }
        let response = try #require(send(responder, "/private"))
        #expect(response.status == .unauthorized)
        #expect(response.headers["WWW-Authenticate"] == "Bearer")
        #expect(response.headers["X-Request-Id"] != nil)
        #expect(send(responder, "/private", headers: ["Authorization": "Bearer t"])?.status == .ok)
    }

    @Test func accessLogWritesOneJSONLineWithoutQueryOrHeaders() throws {
        let sink = CollectingSink()
        let responder = makeResponder { router in
            router.add(middleware: RequestIDMiddleware())
            router.add(middleware: AccessLogMiddleware(sink: sink))
            router.get("/v1/staff/{id}") { _, _ in .text("hello") }
        }
        defer { responder.shutdown() }
        _ = send(responder, "/v1/staff/7?token=s3cret", headers: ["Authorization": "Bearer hunter2", "X-Request-Id": "req-1"])
        _ = send(responder, .delete, "/v1/staff/7")
        let lines = sink.lines.value
        #expect(lines.count == 2)
        let line = try #require(lines.first)
        #expect(!line.contains("s3cret") && !line.contains("hunter2") && !line.contains("?") && !line.contains("\n"))
        let entry = try #require(jsonObject(line))
        #expect(entry["request_id"] as? String == "req-1")
        #expect(entry["method"] as? String == "GET")
        #expect(entry["path"] as? String == "/v1/staff/7")
        #expect(entry["route"] as? String == "/v1/staff/{id}")
        #expect(entry["status"] as? Int == 200)
        #expect(entry["bytes"] as? Int == 5)
        #expect(entry["remote"] as? String == "127.0.0.1")
        let duration = try #require(entry["duration_ms"] as? Double)
        #expect(duration >= 0 && duration < 5000)
        let time = try #require(entry["time"] as? String)
        #expect(time.count == 24 && time.hasSuffix("Z") && time.dropFirst(10).first == "T")
        #expect(jsonObject(lines[1])?["status"] as? Int == 405)
    }

    @Test func disabledAccessLogWritesNothing() {
        let sink = CollectingSink()
        let responder = makeResponder { router in
            router.add(middleware: AccessLogMiddleware(sink: sink, isEnabled: false))
            router.get("/x") { _, _ in .text("x") }
        }
        defer { responder.shutdown() }
        #expect(send(responder, "/x")?.status == .ok)
        #expect(sink.lines.value.isEmpty)
    }
}
