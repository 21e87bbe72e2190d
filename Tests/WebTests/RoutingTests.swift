import HTTPCore
import Testing
@testable import Web

@Suite struct RoutingTests {
    let responder: RouterResponder

    init() {
        responder = makeResponder { router in
            router.get("/") { _, _ in .text("root") }
            router.get("/v1/staff") { _, _ in .text("list") }
            router.post("/v1/staff") { _, _ in .text("create") }
            router.get("/v1/staff/me") { _, _ in .text("me") }
            router.get("/v1/staff/{id}") { _, context in .text("staff \(try context.parameters.require("id"))") }
            router.patch("/v1/staff/{id}") { _, context in .text("patch \(context.parameters["id"] ?? "?")") }
            router.post("/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver") { _, context in
                .text("\(context.parameters["id"]!)|\(context.parameters["delivery_id"]!)|\(context.route ?? "")")
            }
            router.get("/a/b/c") { _, _ in .text("abc") }
            router.get("/a/{x}/d") { _, context in .text("x=\(context.parameters["x"]!)") }
            router.get("/search") { request, _ in
                let items = request.queryItems
                return .text(items.map { "\($0.name)=\($0.value)" }.joined(separator: ";"))
            }
        }
    }

    @Test func matchesLiteralsAndParameters() {
        #expect(bodyText(send(responder, "/")) == "root")
        #expect(bodyText(send(responder, "/v1/staff")) == "list")
        #expect(bodyText(send(responder, .post, "/v1/staff")) == "create")
        #expect(bodyText(send(responder, "/v1/staff/42")) == "staff 42")
        #expect(bodyText(send(responder, .patch, "/v1/staff/42")) == "patch 42")
        #expect(bodyText(send(responder, .post, "/v1/webhooks/w1/deliveries/d9/redeliver"))
            == "w1|d9|/v1/webhooks/{id}/deliveries/{delivery_id}/redeliver")
        responder.shutdown()
    }

    @Test func literalWinsAndParameterIsTriedWhenLiteralBranchFails() {
        #expect(bodyText(send(responder, "/v1/staff/me")) == "me")
        #expect(bodyText(send(responder, "/a/b/c")) == "abc")
        #expect(bodyText(send(responder, "/a/b/d")) == "x=b")
        responder.shutdown()
    }

    @Test func decodesPercentEncodedSegments() {
        #expect(bodyText(send(responder, "/v1/staff/a%20b")) == "staff a b")
        #expect(bodyText(send(responder, "/v1/staff/a+b")) == "staff a+b")
        #expect(bodyText(send(responder, "/v1/staff/a%2Fb")) == "staff a/b")
        #expect(bodyText(send(responder, "/v1/staff/%C3%A9")) == "staff é")
        #expect(bodyText(send(responder, "/v1/%73taff")) == "list")
        for bad in ["/v1/staff/%00", "/v1/staff/%zz", "/v1/staff/%4", "/v1/staff/%FF", "/v1/staff/%C3"] {
            let response = send(responder, bad)
            #expect(response?.status == .badRequest, "\(bad)")
            #expect(response?.headers["Content-Type"] == ContentType.problemJSON)
        }
        responder.shutdown()
    }

    @Test func strictAboutTrailingAndEmptySegments() {
        #expect(send(responder, "/v1/staff/")?.status == .notFound)
        #expect(send(responder, "/v1/staff//")?.status == .notFound)
        #expect(send(responder, "//v1/staff")?.status == .notFound)
        #expect(send(responder, "*")?.status == .notFound)
        responder.shutdown()
    }

    @Test func unknownPathIsProblem404() throws {
        let response = try #require(send(responder, "/nope"))
        #expect(response.status == .notFound)
        #expect(response.headers["Content-Type"] == "application/problem+json; charset=utf-8")
        let problem = try #require(jsonObject(response))
        #expect(problem["type"] as? String == "https://klipso.test/problems/not-found")
        #expect(problem["title"] as? String == "Not Found")
        #expect(problem["status"] as? Int == 404)
        #expect(problem["detail"] is String)
        responder.shutdown()
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let response = try #require(send(responder, .delete, "/v1/staff"))
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers["Allow"] == "GET, HEAD, POST")
        #expect(jsonObject(response)?["status"] as? Int == 405)
        let other = try #require(send(responder, .post, "/v1/staff/7"))
        #expect(other.headers["Allow"] == "GET, HEAD, PATCH")
        let deliveries = try #require(send(responder, .get, "/v1/webhooks/w/deliveries/d/redeliver"))
        #expect(deliveries.headers["Allow"] == "POST")
        responder.shutdown()
    }

    @Test func headIsServedByGet() {
        let response = send(responder, .head, "/v1/staff/5")
        #expect(response?.status == .ok)
        #expect(bodyText(response) == "staff 5")
        #expect(send(responder, .head, "/v1/webhooks/a/deliveries/b/redeliver")?.status == .methodNotAllowed)
        responder.shutdown()
    }

    @Test func queryItemsAreFormDecodedAndKeepDuplicates() {
        #expect(bodyText(send(responder, "/search?q=a+b%21&status=x&status=y&flag&=e&bad=%zz")) == "q=a b!;status=x;status=y;flag=;=e;bad=%zz")
        #expect(bodyText(send(responder, "/search")) == "")
        let items = QueryItems(parsing: "status=a&status=b&n=%E2%82%AC")
        #expect(items.values("status") == ["a", "b"])
        #expect(items["status"] == "a")
        #expect(items["n"] == "€")
        #expect(items["missing"] == nil)
        responder.shutdown()
    }
}
