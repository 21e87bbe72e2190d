import HTTPCore
import Testing
@testable import Web

/// The shortcuts taken for every request give the same answers as the general paths.
@Suite struct HotPathTests {
    @Test func requestIDsAreHexAndDistinctAcrossRefills() {
        var seen = Set<String>()
        // 256 ids per batch of randomness: cross several refills.
        for _ in 0..<2_000 {
            let id = RequestIDMiddleware.generate()
            #expect(id.utf8.count == 32)
            #expect(id.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
            seen.insert(id)
        }
        #expect(seen.count == 2_000)
    }

    @Test func literalIndexAgreesWithTheTree() {
        var router = Router()
        router.get("/") { _, _ in .text("root") }
        router.get("/health") { _, _ in .text("health") }
        router.get("/v1/staff") { _, _ in .text("list") }
        router.get("/v1/staff/{id}") { _, _ in .text("one") }
        router.get("/v1/staff/me") { _, _ in .text("me") }
        router.get("/a%20b") { _, _ in .text("escaped pattern") }
        router.get("/trailing/") { _, _ in .text("trailing") }
        let index = LiteralRouteIndex(router.tree)
        for path in ["/", "/health", "/v1/staff", "/v1/staff/me", "/trailing/"] {
            #expect(index.routes(at: path) != nil, "\(path)")
            guard case .route(let fast, _) = RouteResolution.resolve(method: .get, path: path, in: router.tree, literals: index),
                  case .route(let slow, _) = RouteResolution.resolve(method: .get, path: path, in: router.tree) else {
                Issue.record("\(path) did not resolve")
                continue
            }
            #expect(fast.pattern == slow.pattern)
        }
        // Not in the index: parameters, escapes (decoded by the tree), a pattern holding `%`.
        for path in ["/v1/staff/42", "/v1/st%61ff", "/a%20b", "/trailing", "/v1/staff/"] {
            #expect(index.routes(at: path) == nil, "\(path)")
        }
    }

    @Test func responderAnswersLiteralRoutesLikeTheTreeDoes() {
        let responder = makeResponder { router in
            router.get("/health", options: .inline) { _, context in .text("health \(context.route ?? "-") \(context.parameters.values.count)") }
            router.post("/v1/staff") { _, _ in .text("create") }
        }
        #expect(bodyText(send(responder, .get, "/health")) == "health /health 0")
        #expect(bodyText(send(responder, .get, "/he%61lth")) == "health /health 0")
        #expect(send(responder, .head, "/health")?.status == .ok)
        let refused = send(responder, .delete, "/v1/staff")
        #expect(refused?.status == .methodNotAllowed)
        #expect(refused?.headers["Allow"] == "POST")
        #expect(send(responder, .get, "/health/")?.status == .notFound)
        responder.shutdown()
    }
}
