import Dispatch
import Foundation
import HTTPCore
import Testing
@testable import Web

/// pthread_self as a comparable number, to tell threads apart.
func currentThreadID() -> UInt { UInt(pthread_self()) }

@Suite struct WorkPoolTests {
    @Test func blockedHandlerDoesNotDelayOtherCompletions() throws {
        let gate = DispatchSemaphore(value: 0)
        let slowStarted = DispatchSemaphore(value: 0)
        let responder = makeResponder { router in
            router.get("/slow") { _, _ in
                slowStarted.signal()
                // Blocks like a slow database call: up to 2 s, or until the test opens the gate.
                let released = gate.wait(timeout: .now() + 2) == .success
                return .text(released ? "released" : "timed out")
            }
            router.get("/fast") { _, _ in .text("fast") }
        }
        defer { responder.shutdown() }
        let slow = start(responder, makeRequest(.get, "/slow"))
        #expect(slowStarted.wait(timeout: .now() + 5) == .success)
        let began = ContinuousClock.now
        let fast = send(responder, "/fast")
        #expect(bodyText(fast) == "fast")
        #expect(ContinuousClock.now - began < .seconds(1))
        #expect(slow(0) == nil, "the slow handler must still be blocked")
        gate.signal()
        #expect(bodyText(slow(5)) == "released")
    }

    @Test func fullQueueAnswers503WithRetryAfter() throws {
        let gate = DispatchSemaphore(value: 0)
        let started = DispatchSemaphore(value: 0)
        let responder = makeResponder({ router in
            router.add(middleware: RequestIDMiddleware())
            router.post("/work") { _, _ in
                started.signal()
                _ = gate.wait(timeout: .now() + 5)
                return .text("done")
            }
        }, workers: 1, queue: 1)
        defer { responder.shutdown() }
        let running = start(responder, makeRequest(.post, "/work"))
        #expect(started.wait(timeout: .now() + 5) == .success)
        let queued = start(responder, makeRequest(.post, "/work"))
        #expect(responder.queuedRequests == 1)
        let refused = try #require(start(responder, makeRequest(.post, "/work"))(0), "a refusal must be immediate")
        #expect(refused.status == .serviceUnavailable)
        #expect(refused.headers["Retry-After"] == "1")
        #expect(refused.headers["X-Request-Id"] != nil)
        #expect(jsonObject(refused)?["type"] as? String == "https://klipso.test/problems/service-unavailable")
        gate.signal()
        gate.signal()
        #expect(bodyText(running(5)) == "done")
        #expect(bodyText(queued(5)) == "done")
    }

    @Test func inlineRouteRunsOnTheCallingThread() throws {
        let handlerThreads = Locked<[UInt]>([])
        let responder = makeResponder { router in
            router.get("/health", options: .inline) { _, context in
                #expect(context.isInline)
                handlerThreads.update { $0.append(currentThreadID()) }
                return .json(bytes: #"{"status":"ok"}"#)
            }
            router.get("/pooled") { _, context in
                #expect(!context.isInline)
                handlerThreads.update { $0.append(currentThreadID()) }
                return .text("pooled")
            }
        }
        defer { responder.shutdown() }
        let completedBeforeReturn = Locked(false)
        responder.respond(to: makeRequest(.get, "/health")) { response in
            completedBeforeReturn.update { $0 = response.status == .ok }
        }
        #expect(completedBeforeReturn.value, "an inline route completes before respond returns")
        #expect(handlerThreads.value == [currentThreadID()])
        #expect(bodyText(send(responder, "/pooled")) == "pooled")
        let threads = handlerThreads.value
        #expect(threads.count == 2 && threads[1] != currentThreadID())
    }

    @Test func poolRunsQueuedWorkThenStops() {
        let pool = BlockingWorkPool(threadCount: 2, queueCapacity: 8)
        let done = Locked(0)
        for _ in 0..<8 { #expect(pool.submit { done.update { $0 += 1 } }) }
        pool.shutdown()
        #expect(pool.waitUntilStopped(timeout: .seconds(5)))
        #expect(done.value == 8)
        #expect(!pool.submit {})
    }
}
