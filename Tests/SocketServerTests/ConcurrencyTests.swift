import HTTPTestClient
import Foundation
import HTTPCore
import SocketServer
import Synchronization
import Testing

/// Load-shaped tests: serialized, because they measure latency and the
/// machine has two cores.
@Suite("Concurrency, load and shutdown", .serialized)
struct ConcurrencyTests {
    @Test func slowHandlerDoesNotDelayOtherConnections() throws {
        let server = try TestServer()
        let slow = try server.client()
        try slow.send("GET /slow HTTP/1.1\r\nHost: a\r\n\r\n")
        let started = Date()
        for index in 0..<20 {
            let client = try server.client()
            #expect(try client.get("/quick\(index)").status == 200)
        }
        #expect(Date().timeIntervalSince(started) < 1)
        #expect(try slow.readResponse().text == "slow done")
    }

    @Test func fiveHundredSlowClientsDoNotDelayHealth() throws {
        let server = try TestServer()
        let slowClients = try (0..<500).map { _ in try server.client() }
        for client in slowClients { try client.send("GET /slowloris HTTP/1.1\r\n") }
        for client in slowClients { try client.send("X-A: b\r\n") }
        let started = Date()
        let health = try server.client()
        let response = try health.get("/health")
        let elapsed = Date().timeIntervalSince(started)
        #expect(response.text == "ok")
        #expect(elapsed < 1)
        for client in slowClients.prefix(50) { try client.send("X-C: d\r\n") }
        #expect(try server.client().get("/health").text == "ok")
        #expect(server.server.statistics.openConnections >= 500)
    }

    @Test func twoThousandRequestsOverFiftyConnections() throws {
        let server = try TestServer()
        let failures = Atomic<Int>(0)
        let started = Date()
        DispatchQueue.concurrentPerform(iterations: 50) { worker in
            guard let client = try? server.client() else {
                failures.wrappingAdd(40, ordering: .relaxed)
                return
            }
            for index in 0..<40 {
                let path = index % 5 == 0 ? "/async-\(worker)-\(index)" : "/w\(worker)/r\(index)"
                let expected = "GET \(path) "
                if index % 5 == 0 {
                    // Off-loop completion path.
                    guard let response = try? client.get("/async"), response.text == "async GET" else {
                        failures.wrappingAdd(1, ordering: .relaxed)
                        continue
                    }
                } else {
                    guard let response = try? client.get(path), response.text == expected else {
                        failures.wrappingAdd(1, ordering: .relaxed)
                        continue
                    }
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(server.server.statistics.requestsServed == 2000)
        #expect(server.probe.requests.load(ordering: .relaxed) == 2000) // the responder ran once per request
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func thousandsOfPipelinedRequestsComeBackInOrder() throws {
        let server = try TestServer()
        let client = try server.client(timeout: 10)
        let count = 5000
        var burst: [UInt8] = []
        for index in 0..<count { burst += Array("GET /p\(index) HTTP/1.1\r\nHost: a\r\n\r\n".utf8) }
        // Write from another thread: the server stops reading while its output
        // backs up, so a single thread writing everything first could deadlock.
        let fd = client.fd, bytes = burst
        let writer = Thread { TestClient.sendAll(bytes, on: fd) }
        writer.start()
        var inOrder = 0
        for index in 0..<count {
            guard let response = try? client.readResponse(), response.text == "GET /p\(index) " else { break }
            inOrder += 1
        }
        #expect(inOrder == count)
    }

    @Test func rapidOpenCloseWhileRequestsFlowNeverMisdelivers() throws {
        let server = try TestServer()
        let failures = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for index in 0..<150 {
                guard let client = try? server.client(timeout: 5) else { continue }
                switch index % 3 {
                case 0:
                    // Ask for a delayed answer, then vanish before it arrives.
                    try? client.send("GET /slow?ms=20 HTTP/1.1\r\nHost: a\r\n\r\n")
                case 1:
                    try? client.send("GET /half")
                default:
                    let path = "/w\(worker)i\(index)"
                    if (try? client.get(path))?.text != "GET \(path) " { failures.wrappingAdd(1, ordering: .relaxed) }
                }
            }
        }
        #expect(failures.load(ordering: .relaxed) == 0)
        #expect(server.eventually { server.server.statistics.openConnections == 0 })
        #expect(try server.client().get("/alive").text == "GET /alive ")
    }

    @Test func gracefulShutdownFinishesInFlightAndClosesIdle() throws {
        var configuration = ServerConfiguration(host: "127.0.0.1", port: 0, eventLoopCount: 2)
        configuration.timeouts.lingeringClose = .milliseconds(200)
        let probe = ResponderProbe()
        let server = HTTPServer(configuration: configuration, responder: TestResponder(probe: probe), logger: .silent)
        try server.start()
        let port = server.port
        let idle = try TestClient(port: port)
        #expect(try idle.get("/warm").status == 200)
        let busy = try TestClient(port: port)
        try busy.send("GET /slow?ms=800 HTTP/1.1\r\nHost: a\r\n\r\n")
        // Let the request reach the responder before shutting down.
        let deadline = Date().addingTimeInterval(2)
        while probe.requests.load(ordering: .relaxed) < 2 && Date() < deadline { usleep(5_000) }

        let started = Date()
        server.shutdown(gracePeriod: .seconds(5))
        #expect(idle.waitForClose())
        // Each loop closes its own listener when it sees the shutdown: poll briefly.
        var refused = false
        for _ in 0..<100 where !refused {
            refused = (try? TestClient(port: port)) == nil
            if !refused { usleep(10_000) }
        }
        #expect(refused)
        let response = try busy.readResponse()
        #expect(response.text == "slow done")
        #expect(response.header("Connection") == "close")
        server.waitUntilStopped()
        #expect(Date().timeIntervalSince(started) < 3)
        #expect(server.statistics.openConnections == 0)
    }

    @Test func shutdownForceClosesAfterTheGracePeriod() throws {
        let server = HTTPServer(configuration: ServerConfiguration(eventLoopCount: 1), responder: TestResponder(probe: ResponderProbe()), logger: .silent)
        try server.start()
        let busy = try TestClient(port: server.port)
        try busy.send("GET /slow?ms=3000 HTTP/1.1\r\nHost: a\r\n\r\n")
        usleep(100_000)
        let started = Date()
        server.shutdown(gracePeriod: .milliseconds(300))
        server.waitUntilStopped()
        #expect(Date().timeIntervalSince(started) < 1.5)
        #expect(busy.waitForClose())
    }
}
