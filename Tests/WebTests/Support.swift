import CZlib
import Dispatch
import Foundation
import HTTPCore
import Synchronization
@testable import Web

/// A value shared between a test and the threads it starts.
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func update<R>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}

/// A log sink that keeps lines for inspection.
final class CollectingSink: LogSink {
    let lines = Locked<[String]>([])
    func write(line: [UInt8]) { lines.update { $0.append(String(decoding: line, as: UTF8.self)) } }
}

func makeRequest(_ method: HTTPMethod, _ target: String, headers: HTTPHeaders = HTTPHeaders(),
                 body: [UInt8] = [], remote: String = "127.0.0.1") -> HTTPRequest {
    let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
    let head = HTTPRequestHead(method: method, target: target, path: String(parts[0]),
                               query: parts.count > 1 ? String(parts[1]) : nil, version: .http1_1, headers: headers)
    return HTTPRequest(head: head, body: body, connection: ConnectionInfo(remoteAddress: remote, remotePort: 50000, isTLS: false))
}

/// Starts a request and returns a function that waits (bounded) for its response.
func start(_ responder: some HTTPResponder, _ request: HTTPRequest) -> @Sendable (Double) -> HTTPResponse? {
    let done = DispatchSemaphore(value: 0)
    let result = Locked<HTTPResponse?>(nil)
    responder.respond(to: request) { response in
        result.update { $0 = response }
        done.signal()
    }
    return { seconds in
        done.wait(timeout: .now() + seconds) == .success ? result.value : nil
    }
}

/// Sends a request and waits up to 5 s for the response.
func send(_ responder: some HTTPResponder, _ method: HTTPMethod, _ target: String,
          headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) -> HTTPResponse? {
    start(responder, makeRequest(method, target, headers: headers, body: body))(5)
}

func bodyText(_ response: HTTPResponse?) -> String {
    String(decoding: response?.body.bytes ?? [], as: UTF8.self)
}

func jsonObject(_ response: HTTPResponse?) -> [String: Any]? {
    guard let bytes = response?.body.bytes else { return nil }
    return (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
}

func jsonObject(_ text: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
}

func gunzip(_ input: [UInt8]) -> [UInt8]? {
    var stream = z_stream()
    guard klipso_inflateInit2(&stream, 15 + 16) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16384)
    var input = input
    return input.withUnsafeMutableBufferPointer { inBuffer -> [UInt8]? in
        stream.next_in = inBuffer.baseAddress
        stream.avail_in = uInt(inBuffer.count)
        for _ in 0..<10_000 {
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { outBuffer in
                stream.next_out = outBuffer.baseAddress
                stream.avail_out = uInt(outBuffer.count)
                return inflate(&stream, Z_NO_FLUSH)
            }
            output.append(contentsOf: chunk[..<(chunk.count - Int(stream.avail_out))])
            if status == Z_STREAM_END { return output }
            if status != Z_OK { return nil }
        }
        return nil
    }
}

/// A responder with quiet error logging, shut down by the caller.
func makeResponder(_ configure: (inout Router) -> Void, workers: Int = 4, queue: Int = 64,
                   errorLog: (any LogSink)? = nil) -> RouterResponder {
    var router = Router()
    configure(&router)
    var configuration = RouterResponder.Configuration()
    configuration.workerThreads = workers
    configuration.maxQueuedRequests = queue
    configuration.errors = ErrorResponder(typeBase: "https://klipso.test/problems/", errorLog: errorLog)
    return router.makeResponder(configuration: configuration)
}

func send(_ responder: some HTTPResponder, _ target: String, headers: HTTPHeaders = HTTPHeaders(),
          body: [UInt8] = []) -> HTTPResponse? {
    send(responder, .get, target, headers: headers, body: body)
}
