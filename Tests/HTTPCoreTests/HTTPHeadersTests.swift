import HTTPCore
import Testing

@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIsCaseInsensitiveAndKeepsOrder() {
        var headers: HTTPHeaders = ["Content-Type": "text/plain", "Set-Cookie": "a=1"]
        headers.add("set-cookie", "b=2")
        #expect(headers["content-type"] == "text/plain")
        #expect(headers.values("SET-COOKIE") == ["a=1", "b=2"])
        #expect(headers.contains("Set-Cookie"))
        #expect(!headers.contains("X-Missing"))
        #expect(headers.count == 3)
    }

    @Test func setReplacesEveryFieldOfThatName() {
        var headers = HTTPHeaders([("A", "1"), ("a", "2"), ("B", "3")])
        headers.set("A", "9")
        #expect(headers.map(\.name) == ["B", "A"])
        #expect(headers.values("a") == ["9"])
        headers.remove("b")
        #expect(headers.count == 1)
    }

    @Test func containsTokenSplitsListsAndTrims() {
        let headers: HTTPHeaders = ["Connection": "Upgrade ,\tKeep-Alive", "X": "closed"]
        #expect(headers.containsToken("keep-alive", in: "connection"))
        #expect(headers.containsToken("upgrade", in: "Connection"))
        #expect(!headers.containsToken("close", in: "X"))
    }

    @Test func stringHelpers() {
        #expect("Content-Length".asciiCaseInsensitiveEquals("content-LENGTH"))
        #expect(!"abc".asciiCaseInsensitiveEquals("abd"))
        #expect(!"abc".asciiCaseInsensitiveEquals("ab"))
        #expect(" \t x y \t".trimmingASCIISpaces() == "x y")
    }
}
