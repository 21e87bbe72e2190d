import Cryptography
import Foundation
import HTTPTestClient
import Testing

/// `/v1/webhooks`: URL rules, signed deliveries of visit and assignment events to a loopback
/// receiver, retries and redelivery, on both backends.
@Suite("Webhooks", .serialized)
struct WebhookAPITests {
    static let secret = "7QmZ2v9KxR4pT8sLw1Yc6Hn3Bd5Fg0Je-test"

    func subscribe(_ live: LiveAPI, _ receiver: WebhookReceiver, _ events: [String]) throws -> String {
        let created = try live.call("POST", "/v1/webhooks", ["url": receiver.url, "events": events, "secret": Self.secret])
        #expect(created.status == 201)
        #expect(created.header("Location") == "/v1/webhooks/\(created.object["id"] as? String ?? "")")
        #expect(created.object["secret"] == nil && !created.text.contains(Self.secret))
        return try #require(created.object["id"] as? String)
    }

    @Test(arguments: APIBackend.available)
    func visitAndAssignmentEventsArriveSignedWithoutPersonalData(backend: APIBackend) throws {
        let live = try LiveAPI.withEvents(backend)
        defer { live.stop() }
        let receiver = try WebhookReceiver()
        defer { receiver.stop() }
        let webhookID = try subscribe(live, receiver, ["visit.routed", "assignment.created"])

        let desk = try FrontDesk(live)  // appoints two officers
        let applicant = try desk.applicant(name: "Budi Santoso")
        let visit = try desk.visit(applicant)
        #expect(visit.status == 201)
        let visitID = try #require(visit.object["id"] as? String)

        let deliveries = receiver.wait(for: 3)
        #expect(deliveries.count == 3)
        var types: [String] = []
        for delivery in deliveries {
            let body = try #require(try JSONSerialization.jsonObject(with: Data(delivery.body)) as? [String: Any])
            let signature = try #require(delivery.headers["klipso-signature"])
            let now = Int64(live.clock.now().timeIntervalSince1970)
            #expect(WebhookSignature.verify(header: signature, secret: Self.secret, body: delivery.body, now: now))
            #expect(!WebhookSignature.verify(header: signature, secret: Self.secret + "x", body: delivery.body, now: now))
            #expect(delivery.headers["content-type"] == "application/json")
            #expect(delivery.headers["klipso-event-id"] == body["id"] as? String)
            let text = String(decoding: delivery.body, as: UTF8.self)
            #expect(!text.contains("Budi") && !text.contains(FrontDesk.nik(1)) && !text.contains("Staf "))
            types.append(body["type"] as? String ?? "")
            let data = try #require(body["data"] as? [String: Any])
            if body["type"] as? String == "visit.routed" {
                #expect(data["visit_id"] as? String == visitID && data["status"] as? String == "waiting")
                #expect(data["decision"] as? String == "routed_to_klipso" && (data["queue_number"] as? String)?.hasPrefix("K-") == true)
            } else {
                #expect(Set(data.keys) == ["assignment_id", "officer_id", "status"])
            }
        }
        #expect(types.sorted() == ["assignment.created", "assignment.created", "visit.routed"])
        // Events of one resource in order, and the list says delivered.
        let listed = try live.call("GET", "/v1/webhooks/\(webhookID)/deliveries").items
        #expect(listed.count == 3 && listed.allSatisfy { $0["status"] as? String == "delivered" && $0["attempts"] as? Int == 1 })
    }

    @Test(arguments: APIBackend.available)
    func aFailedDeliveryIsRetriedAndCanBeRedelivered(backend: APIBackend) throws {
        let live = try LiveAPI.withEvents(backend)
        defer { live.stop() }
        let receiver = try WebhookReceiver(statuses: [500])
        defer { receiver.stop() }
        let webhookID = try subscribe(live, receiver, ["visit.routed"])
        let desk = try FrontDesk(live)
        _ = try desk.visit(try desk.applicant())

        let deliveries = receiver.wait(for: 2)
        #expect(deliveries.count == 2)
        #expect(deliveries.map { $0.headers["klipso-event-id"] }.allSatisfy { $0 == deliveries.first?.headers["klipso-event-id"] })
        var delivery: [String: Any] = [:]
        for _ in 0..<100 {  // the result is recorded just after the receiver answers
            delivery = try live.call("GET", "/v1/webhooks/\(webhookID)/deliveries").items.first ?? [:]
            if delivery["status"] as? String == "delivered" { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(delivery["status"] as? String == "delivered" && delivery["attempts"] as? Int == 2)
        #expect(delivery["last_status_code"] as? Int == 200 && delivery["type"] as? String == "visit.routed")

        let deliveryID = try #require(delivery["id"] as? String)
        let again = try live.call("POST", "/v1/webhooks/\(webhookID)/deliveries/\(deliveryID)/redeliver")
        #expect(again.status == 202 && again.object["status"] as? String == "pending")
        let all = receiver.wait(for: 3)
        #expect(all.count == 3 && all.last?.headers["klipso-event-id"] == deliveries.first?.headers["klipso-event-id"])
        #expect(try live.call("POST", "/v1/webhooks/\(webhookID)/deliveries/nope/redeliver").status == 404)
    }

    @Test func urlsSecretsAndTypesAreValidated() throws {
        let live = try LiveAPI()
        defer { live.stop() }
        let valid: [String: Any] = ["url": "https://eptsp.example.go.id/hooks", "events": ["visit.routed"], "secret": Self.secret]
        var cases: [(String, Any, String)] = []
        for url in ["http://127.0.0.1:9/x", "http://eptsp.example.go.id/x", "https://10.1.2.3/x", "https://192.168.1.1/",
                    "https://169.254.169.254/latest", "https://[fe80::1]/x", "https://[::1]/x", "https://localhost/x",
                    "ftp://example.com/", "https://user:pw@example.com/", "not a url"] {
            cases.append(("url", url, "url"))
        }
        cases += [("secret", "too-short", "secret"), ("events", ["visit.routed", "visit.routed"], "events"),
                  ("events", ["visit.exploded"], "events"), ("events", [String](), "events")]
        for (field, value, expected) in cases {
            var body = valid
            body[field] = value
            let response = try live.call("POST", "/v1/webhooks", body)
            #expect(response.status == 422, "\(field)=\(value)")
            #expect(response.errorFields.contains(expected), "\(field)=\(value): \(response.text)")
        }
        let created = try live.call("POST", "/v1/webhooks", valid)
        #expect(created.status == 201)
        let id = try #require(created.object["id"] as? String)
        let listed = try live.call("GET", "/v1/webhooks")
        #expect(listed.items.count == 1 && !listed.text.contains(Self.secret))
        #expect(try live.call("GET", "/v1/webhooks/\(id)").object["url"] as? String == valid["url"] as? String)
        #expect(try live.call("DELETE", "/v1/webhooks/\(id)", headers: [("If-Match", "\"7\"")]).status == 412)
        #expect(try live.call("DELETE", "/v1/webhooks/\(id)").status == 204)
        #expect(try live.call("GET", "/v1/webhooks/\(id)").status == 404)
        #expect(try live.call("GET", "/v1/webhooks/\(id)/deliveries").status == 404)
        let staff = try live.person("staf.biasa")
        #expect(try live.call("GET", "/v1/webhooks", token: staff.token).status == 403)
    }
}
