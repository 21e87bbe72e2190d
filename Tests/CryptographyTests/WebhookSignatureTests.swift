import Testing
import Cryptography

@Suite struct WebhookSignatureTests {
    let secret = "klipso-webhook-secret-0123456789abcdef"
    let body = Array(#"{"id":"evt_1","type":"visit.routed"}"#.utf8)
    let timestamp: Int64 = 1_700_000_000

    /// The expected value was computed independently (Python `hmac`).
    @Test func headerHasTheExactDocumentedFormat() {
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(header == "t=1700000000,v1=1f8c9da601d1fd7b308e948b3f4bf83b9a5136225a9bc5f32923cdbb54956903")
        #expect(WebhookSignature.headerName == "Klipso-Signature")
    }

    @Test func verifiesItsOwnHeader() {
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body, now: timestamp))
    }

    @Test func verifiesWithTheSystemClockByDefault() {
        let header = WebhookSignature.header(secret: secret, timestamp: WebhookSignature.currentUnixTime(), body: body)
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body))
    }

    @Test func toleranceWindowIsInclusiveOnBothSides() {
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: 300, now: timestamp + 300))
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: 300, now: timestamp + 301))
        #expect(WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: 300, now: timestamp - 300))
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: 300, now: timestamp - 301))
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: 0, now: timestamp + 1))
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body, tolerance: -1, now: timestamp))
        #expect(!WebhookSignature.verify(header: "t=9223372036854775807,v1=00", secret: secret, body: body, now: -10))
    }

    @Test func refusesChangedBodySecretOrTimestamp() {
        let header = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body)
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body + [0x20], now: timestamp))
        #expect(!WebhookSignature.verify(header: header, secret: secret + "x", body: body, now: timestamp))
        let shifted = header.replacingOccurrences(of: "t=1700000000", with: "t=1700000001")
        #expect(!WebhookSignature.verify(header: shifted, secret: secret, body: body, now: timestamp))
    }

    @Test func acceptsAnyOfSeveralSignaturesSpacesAndUnknownKeys() {
        let signature = WebhookSignature.header(secret: secret, timestamp: timestamp, body: body).split(separator: "=").last!
        let other = String(repeating: "0", count: 64)
        #expect(WebhookSignature.verify(header: "t=\(timestamp), v1=\(other), v1=\(signature), v0=abc", secret: secret, body: body, now: timestamp))
        #expect(WebhookSignature.verify(header: "t=\(timestamp),v1=\(signature.uppercased())", secret: secret, body: body, now: timestamp))
    }

    @Test(arguments: ["", "t=1700000000", "v1=abc", "t=,v1=00", "t=-1,v1=00", "t=1700000000,t=1700000000,v1=00", "t=17e8,v1=00", "garbage", "t=99999999999999999999,v1=00", "t=1700000000;v1=00"])
    func malformedHeadersAreRefused(header: String) {
        #expect(!WebhookSignature.verify(header: header, secret: secret, body: body, now: timestamp))
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
