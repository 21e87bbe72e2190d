import HTTPTestClient
import Foundation
import HTTPCore
import SocketServer
import Synchronization

/// What the test responder observed, for assertions from the test thread.
final class ResponderProbe: Sendable {
    let streamSawClose = Atomic<Bool>(false)
    let streamedBytes = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
}

/// The tiny application the tests talk to.
///
/// - `/echo…`: `METHOD PATH BODY` back (any method)
/// - `/health`: `ok`
/// - `/slow?ms=N`: answers after N ms (default 2000) from another thread
/// - `/async`: answers at once, from another thread
/// - `/stream?n=N`: N chunks written from another thread
/// - `/flood`: streams 64 KiB chunks until the writer reports the peer gone (bounded)
/// - `/nocontent`: 204; `/close`: responder asks for `Connection: close`; `/twice`: completion called twice
struct TestResponder: HTTPResponder {
    let probe: ResponderProbe

    func respond(to request: HTTPRequest, completion: @escaping @Sendable (HTTPResponse) -> Void) {
        probe.requests.wrappingAdd(1, ordering: .relaxed)
        let path = request.path
        let query = request.head.query ?? ""
        let text = Self.text
        switch path {
        case "/health":
            completion(text("ok"))
        case "/slow":
            let milliseconds = Int(query.split(separator: "=").last ?? "") ?? 2000
            DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(milliseconds)) { completion(text("slow done")) }
        case "/async":
            DispatchQueue.global().async { completion(text("async \(request.method)")) }
        case "/stream":
            let count = Int(query.split(separator: "=").last ?? "") ?? 3
            completion(HTTPResponse(status: .ok, body: .stream { writer in
                DispatchQueue.global().async {
                    for index in 0..<count { writer.write(Array("chunk \(index)\n".utf8)) }
                    writer.finish()
                }
            }))
        case "/flood":
            let probe = self.probe
            completion(HTTPResponse(status: .ok, body: .stream { writer in
                Thread.detachNewThread {
                    let chunk = [UInt8](repeating: 0x61, count: 64 * 1024)
                    for _ in 0..<4096 {  // at most 256 MiB, far past any buffer cap
                        if writer.isClosed { break }
                        writer.write(chunk)
                        probe.streamedBytes.wrappingAdd(chunk.count, ordering: .relaxed)
                        usleep(2000)
                    }
                    probe.streamSawClose.store(writer.isClosed, ordering: .relaxed)
                    writer.finish()
                }
            }))
        case "/nocontent":
            completion(HTTPResponse(status: .noContent, headers: ["Content-Length": "10"], body: .bytes([])))
        case "/close":
            completion(HTTPResponse(status: .ok, headers: ["Connection": "close"], body: .bytes(Array("bye".utf8))))
        case "/twice":
            completion(text("first"))
            completion(text("second"))
        default:
            completion(text("\(request.method) \(request.path) \(String(decoding: request.body, as: UTF8.self))"))
        }
    }
}

extension TestResponder {
    @Sendable static func text(_ string: String) -> HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain"], body: .bytes(Array(string.utf8)))
    }
}

/// A live server on 127.0.0.1 port 0 for one test, shut down when released.
final class TestServer: Sendable {
    let server: HTTPServer
    let probe = ResponderProbe()

    init(_ configure: (inout ServerConfiguration) -> Void = { _ in }) throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 2)
        configure(&configuration)
        server = HTTPServer(configuration: configuration, responder: TestResponder(probe: probe), logger: .silent)
        try server.start()
    }

    var port: Int { server.port }

    func client(timeout: Double = 5) throws -> TestClient { try TestClient(port: port, timeout: timeout) }

    /// Polls `condition` every 10 ms for at most `seconds`.
    func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(10_000)
        }
        return condition()
    }

    deinit {
        server.shutdown(gracePeriod: .milliseconds(200))
        server.waitUntilStopped()
    }
}
