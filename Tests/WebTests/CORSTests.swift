import HTTPCore
import Testing
@testable import Web

@Suite struct CORSTests {
    static let app = "https://app.example.go.id"

    func responder(origins: [String] = [CORSTests.app]) -> RouterResponder {
        makeResponder { router in
            router.add(middleware: CORSMiddleware(policy: .init(allowedOrigins: origins)))
            router.add(middleware: CompressionMiddleware(minimumSize: 10))
            router.get("/v1/staff") { _, _ in
                .json(bytes: Array(("[" + String(repeating: "1,", count: 100) + "1]").utf8), headers: ["ETag": "\"7\""])
            }
            router.post("/v1/staff") { _, _ in throw HTTPError.unauthorized("No credentials.") }
        }
    }

    /// The router answers 405 to OPTIONS on a route without one; an allowed preflight must
    /// still get 204 with the allowances.
    @Test func preflightFromAllowedOriginIsAnsweredBeforeRouting() throws {
        let responder = responder(origins: ["https://APP.example.go.id/", "http://localhost:3000"])
        defer { responder.shutdown() }
        let preflight = try #require(send(responder, .options, "/v1/staff", headers: [
            "Origin": Self.app, "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, idempotency-key"]))
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Origin"] == Self.app)
        let methods = try #require(preflight.headers["Access-Control-Allow-Methods"])
        #expect(["GET", "POST", "PATCH", "DELETE"].allSatisfy(methods.contains))
        let allowed = try #require(preflight.headers["Access-Control-Allow-Headers"])
        for header in ["Authorization", "Content-Type", "If-Match", "If-None-Match", "Idempotency-Key", "X-Request-Id"] {
            #expect(allowed.contains(header), "\(header)")
        }
        #expect(preflight.headers["Access-Control-Max-Age"] == "600")
        #expect(preflight.headers["Vary"] == "Origin")
        // Even on a path with no route at all.
        let unknown = send(responder, .options, "/v1/nowhere", headers: ["Origin": Self.app, "Access-Control-Request-Method": "GET"])
        #expect(unknown?.status == .noContent)
        // A plain OPTIONS (no Access-Control-Request-Method) is not a preflight: routed as usual.
        #expect(send(responder, .options, "/v1/staff", headers: ["Origin": Self.app])?.status == .methodNotAllowed)
    }

    @Test func otherOriginsGetNoCORSHeadersButVary() throws {
        let responder = responder()
        defer { responder.shutdown() }
        let preflight = try #require(send(responder, .options, "/v1/staff", headers: [
            "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"]))
        #expect(preflight.status == .methodNotAllowed)
        #expect(!preflight.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
        #expect(preflight.headers.containsToken("Origin", in: "Vary"))
        let actual = try #require(send(responder, "/v1/staff", headers: ["Origin": "https://evil.example"]))
        #expect(actual.status == .ok)
        #expect(!actual.headers.contains { $0.name.lowercased().hasPrefix("access-control-") })
        #expect(actual.headers.containsToken("Origin", in: "Vary"))
        let noOrigin = try #require(send(responder, "/v1/staff"))
        #expect(noOrigin.headers["Access-Control-Allow-Origin"] == nil)
        #expect(noOrigin.headers.containsToken("Origin", in: "Vary"))
    }

    @Test func actualResponsesToAllowedOriginsExposeHeadersAndKeepOneVary() throws {
        let responder = responder()
        defer { responder.shutdown() }
        let response = try #require(send(responder, "/v1/staff", headers: ["Origin": Self.app, "Accept-Encoding": "gzip"]))
        #expect(response.headers["Access-Control-Allow-Origin"] == Self.app)
        let exposed = try #require(response.headers["Access-Control-Expose-Headers"])
        #expect(["ETag", "Location", "X-Request-Id", "Retry-After"].allSatisfy(exposed.contains))
        #expect(response.headers.values("Vary") == ["Accept-Encoding, Origin"])
        #expect(response.headers["Content-Encoding"] == "gzip")
        // Errors are readable by the page too.
        let refused = try #require(send(responder, .post, "/v1/staff", headers: ["Origin": Self.app]))
        #expect(refused.status == .unauthorized)
        #expect(refused.headers["Access-Control-Allow-Origin"] == Self.app)
    }

    @Test func withoutConfiguredOriginsNothingChanges() throws {
        let responder = responder(origins: [])
        defer { responder.shutdown() }
        let preflight = send(responder, .options, "/v1/staff", headers: ["Origin": Self.app, "Access-Control-Request-Method": "GET"])
        #expect(preflight?.status == .methodNotAllowed)
        let response = try #require(send(responder, "/v1/staff", headers: ["Origin": Self.app]))
        #expect(response.headers["Access-Control-Allow-Origin"] == nil)
        #expect(!response.headers.containsToken("Origin", in: "Vary"))
    }

    @Test func wildcardEchoesAnySaneOriginOnly() {
        let cors = CORSMiddleware(policy: .init(allowedOrigins: ["*"]))
        #expect(cors.isAllowed("https://anything.example"))
        #expect(!cors.isAllowed("https://a.example, https://b.example"))
        #expect(!cors.isAllowed("https://a.example\r\nX: y"))
        let exact = CORSMiddleware(policy: .init(allowedOrigins: [Self.app]))
        #expect(exact.isAllowed("HTTPS://App.Example.go.id"))
        #expect(!exact.isAllowed("https://app.example.go.id.evil.example"))
        #expect(!exact.isAllowed("http://app.example.go.id"))
    }
}
