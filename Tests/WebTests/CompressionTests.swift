import HTTPCore
import Testing
@testable import Web

@Suite struct CompressionTests {
    static let bigJSON: String = "[" + (0..<200).map { #"{"id":"\#($0)","name":"Staff member \#($0)"}"# }.joined(separator: ",") + "]"

    let responder = makeResponder { router in
        router.add(middleware: CompressionMiddleware())
        router.get("/big") { _, _ in .json(bytes: Array(CompressionTests.bigJSON.utf8)) }
        router.get("/small") { _, _ in .json(bytes: #"{"status":"ok"}"#) }
        router.get("/vary") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/csv", "Vary": "Origin"],
                         body: .bytes(Array(CompressionTests.bigJSON.utf8)))
        }
        router.get("/binary") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "image/png"], body: .bytes(Array(CompressionTests.bigJSON.utf8)))
        }
        router.get("/encoded") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "application/json", "Content-Encoding": "br"],
                         body: .bytes(Array(CompressionTests.bigJSON.utf8)))
        }
        router.get("/stream") { _, _ in
            HTTPResponse(status: .ok, headers: ["Content-Type": "text/event-stream"], body: .stream { $0.finish() })
        }
        router.get("/problem") { _, _ in throw HTTPError.badRequest(String(repeating: "long detail ", count: 200)) }
    }

    @Test func gzipRoundTrips() throws {
        defer { responder.shutdown() }
        let response = try #require(send(responder, "/big", headers: ["Accept-Encoding": "br;q=1.0, gzip;q=0.8"]))
        #expect(response.headers["Content-Encoding"] == "gzip")
        #expect(response.headers["Vary"] == "Accept-Encoding")
        let compressed = try #require(response.body.bytes)
        #expect(compressed.count < CompressionTests.bigJSON.utf8.count / 3)
        #expect(gunzip(compressed) == Array(CompressionTests.bigJSON.utf8))
        let problem = try #require(send(responder, "/problem", headers: ["Accept-Encoding": "gzip"]))
        #expect(problem.headers["Content-Encoding"] == "gzip")
        #expect(gunzip(problem.body.bytes ?? []).flatMap { String(decoding: $0, as: UTF8.self) }?.contains("long detail") == true)
    }

    @Test func wildcardCountsAndQZeroRefuses() {
        defer { responder.shutdown() }
        #expect(send(responder, "/big", headers: ["Accept-Encoding": "*"])?.headers["Content-Encoding"] == "gzip")
        #expect(send(responder, "/big", headers: ["Accept-Encoding": "deflate, GZIP"])?.headers["Content-Encoding"] == "gzip")
        for refusing in ["gzip;q=0", "gzip; q=0.000, *", "*;q=0", "identity", "br", "gzip;q=0, *;q=1"] {
            let response = send(responder, "/big", headers: ["Accept-Encoding": refusing])
            #expect(response?.headers["Content-Encoding"] == nil, "\(refusing)")
            #expect(response?.headers["Vary"] == "Accept-Encoding", "\(refusing)")
            #expect(response?.body.bytes == Array(CompressionTests.bigJSON.utf8))
        }
    }

    @Test func missingHeaderMeansNoGzipButVary() {
        defer { responder.shutdown() }
        let response = send(responder, "/big")
        #expect(response?.headers["Content-Encoding"] == nil)
        #expect(response?.headers["Vary"] == "Accept-Encoding")
    }

    @Test func smallBinaryEncodedAndStreamedBodiesAreLeftAlone() {
        defer { responder.shutdown() }
        let gzip: HTTPHeaders = ["Accept-Encoding": "gzip"]
        let small = send(responder, "/small", headers: gzip)
        #expect(small?.headers["Content-Encoding"] == nil && small?.headers["Vary"] == nil)
        #expect(bodyText(small) == #"{"status":"ok"}"#)
        let binary = send(responder, "/binary", headers: gzip)
        #expect(binary?.headers["Content-Encoding"] == nil && binary?.headers["Vary"] == nil)
        #expect(send(responder, "/encoded", headers: gzip)?.headers["Content-Encoding"] == "br")
        let stream = send(responder, "/stream", headers: gzip)
        #expect(stream?.headers["Content-Encoding"] == nil && stream?.body.bytes == nil)
    }

    @Test func varyIsAppendedToExistingVary() throws {
        defer { responder.shutdown() }
        let response = try #require(send(responder, "/vary", headers: ["Accept-Encoding": "gzip"]))
        #expect(response.headers.values("Vary") == ["Origin, Accept-Encoding"])
        #expect(response.headers["Content-Encoding"] == "gzip")
    }

    @Test func compressibleTypes() {
        for type in ["application/json", "application/problem+json; charset=utf-8", "text/csv", "TEXT/PLAIN", "application/yaml"] {
            #expect(CompressionMiddleware.isCompressible(type), "\(type)")
        }
        for type in ["image/png", "application/octet-stream", "application/zip"] {
            #expect(!CompressionMiddleware.isCompressible(type), "\(type)")
        }
        responder.shutdown()
    }

    @Test func gzipOfEmptyAndIncompressibleInput() {
        #expect(Gzip.compress([]).flatMap(gunzip) == [])
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(Gzip.compress(noise).flatMap(gunzip) == noise)
        #expect(Gzip.compress(noise, level: 42) == nil)
        responder.shutdown()
    }
}
