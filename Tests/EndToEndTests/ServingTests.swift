import Foundation
import HTTPTestClient
import Testing

@Suite("The application served over real TLS")
struct ServingTests {
    @Test func healthOverVerifiedTLS() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        let client = try live.client()
        let response = try client.get("/health")
        #expect(response.status == 200)
        #expect(response.text == #"{"status":"ok"}"#)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        #expect(response.header("X-Request-Id")?.isEmpty == false)
        let ready = try client.get("/ready")
        #expect(ready.status == 200)
    }

    @Test func developmentCertificateIsGeneratedOnceInTheDataDirectory() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        let attributes = try FileManager.default.attributesOfItem(atPath: live.dataDirectory + "/tls/dev-key.pem")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(FileManager.default.fileExists(atPath: live.certificatePath))
    }

    @Test func unknownPathIsAProblemWithRequestID() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        let response = try live.client().get("/nope", headers: "X-Request-Id: trace-123\r\n")
        #expect(response.status == 404)
        #expect(response.header("Content-Type") == "application/problem+json; charset=utf-8")
        #expect(response.header("X-Request-Id") == "trace-123")
        let problem = try response.jsonObject()
        #expect(problem["status"] as? Int == 404)
        #expect(problem["title"] as? String == "Not Found")
    }

    @Test func wrongMethodIs405WithAllow() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        let response = try live.client().request("DELETE", "/health")
        #expect(response.status == 405)
        #expect(response.header("Allow")?.contains("GET") == true)
    }

    @Test func malformedRequestGetsAProblemAndTheConnectionCloses() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        let client = try live.client()
        try client.send("GET /health HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
        let response = try client.readResponse()
        #expect(response.status == 400)
        #expect(response.header("Content-Type")?.hasPrefix("application/problem+json") == true)
        #expect(client.waitForClose())
    }

    @Test func plainHTTPModeServesWithoutTLS() throws {
        let live = try LiveApplication(tls: false)
        defer { live.stop() }
        let response = try live.client().get("/health")
        #expect(response.status == 200)
    }

    @Test func largeResponsesAreGzippedWhenAccepted() throws {
        let live = try LiveApplication()
        defer { live.stop() }
        // A 404 problem is small, so it is not compressed, but it still varies on Accept-Encoding.
        let response = try live.client().get("/nope", headers: "Accept-Encoding: gzip\r\n")
        #expect(response.header("Content-Encoding") == nil)
    }
}
