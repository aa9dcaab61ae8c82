import Foundation
import Payments
import Testing
import TorvCore

@Suite("Standard Webhooks signatures")
struct StandardWebhooksTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let old = Array("old-secret-old-secret".utf8)
    static let new = Array("new-secret-new-secret".utf8)
    static let body = Array(#"{"type":"succeeded"}"#.utf8)

    @Test("a signed webhook verifies and yields its id and time")
    func roundTrip() throws {
        let signer = StandardWebhooks(keys: [Self.new])
        let webhook = signer.sign(id: "msg_1", timestamp: Self.now, body: Self.body)
        #expect(webhook.headers["webhook-signature"]?.hasPrefix("v1,") == true)
        let verified = try signer.verify(headers: webhook.headers, body: webhook.body, now: Self.now)
        #expect(verified.id == "msg_1")
        #expect(verified.timestamp == Self.now)
    }

    @Test("the scheme's published example verifies (secret, id, timestamp, body → signature)")
    func publishedVector() throws {
        // From the Standard Webhooks specification's reference libraries.
        let verifier = try #require(StandardWebhooks(secrets: ["whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"]))
        let headers = [
            "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
            "webhook-timestamp": "1614265330",
            "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        ]
        let body = Array(#"{"test": 2432232314}"#.utf8)
        let verified = try verifier.verify(
            headers: headers, body: body, now: Date(timeIntervalSince1970: 1_614_265_330))
        #expect(verified.id == "msg_p5jXN8AQM9LWM0D4loKWxJek")
    }

    @Test("header names match case-insensitively")
    func headerCase() throws {
        let signer = StandardWebhooks(keys: [Self.new])
        let webhook = signer.sign(id: "msg_1", timestamp: Self.now, body: Self.body)
        let shouting = Dictionary(uniqueKeysWithValues: webhook.headers.map { ($0.key.uppercased(), $0.value) })
        #expect(try signer.verify(headers: shouting, body: Self.body, now: Self.now).id == "msg_1")
    }

    @Test("during a secret rotation both signatures are sent and either secret accepts")
    func rotation() throws {
        let sender = StandardWebhooks(keys: [Self.old, Self.new])
        let webhook = sender.sign(id: "msg_2", timestamp: Self.now, body: Self.body)
        #expect(webhook.headers["webhook-signature"]?.split(separator: " ").count == 2)
        for keys in [[Self.old], [Self.new]] {
            #expect(
                try StandardWebhooks(keys: keys).verify(headers: webhook.headers, body: Self.body, now: Self.now).id
                    == "msg_2")
        }
        let stranger = StandardWebhooks(keys: [Array("someone-else".utf8)])
        #expect(throws: PaymentError.webhookSignatureInvalid) {
            try stranger.verify(headers: webhook.headers, body: Self.body, now: Self.now)
        }
    }

    @Test(
        "a tampered body, id, timestamp or signature is refused",
        arguments: ["body", "id", "timestamp", "signature", "version", "missing"])
    func tampering(part: String) throws {
        let signer = StandardWebhooks(keys: [Self.new])
        let webhook = signer.sign(id: "msg_1", timestamp: Self.now, body: Self.body)
        var headers = webhook.headers
        var body = webhook.body
        switch part {
        case "body": body = Array(#"{"type":"declined"}"#.utf8)
        case "id": headers["webhook-id"] = "msg_2"
        case "timestamp": headers["webhook-timestamp"] = "1800000001"
        case "signature":
            headers["webhook-signature"] = "v1," + Data(repeating: 7, count: 32).base64EncodedString()
        case "version": headers["webhook-signature"] = headers["webhook-signature"]?.replacing("v1,", with: "v2,")
        default: headers["webhook-signature"] = nil
        }
        #expect(throws: PaymentError.webhookSignatureInvalid) {
            try signer.verify(headers: headers, body: body, now: Self.now)
        }
    }

    @Test(
        "a timestamp more than five minutes away, either way, is refused; within is accepted",
        arguments: [(-301.0, false), (-300.0, true), (0.0, true), (300.0, true), (301.0, false), (-86_400.0, false)])
    func tolerance(offset: TimeInterval, accepted: Bool) throws {
        let signer = StandardWebhooks(keys: [Self.new])
        let webhook = signer.sign(id: "msg_1", timestamp: Self.now.addingTimeInterval(offset), body: Self.body)
        if accepted {
            #expect(try signer.verify(headers: webhook.headers, body: Self.body, now: Self.now).id == "msg_1")
        } else {
            #expect(throws: PaymentError.webhookTimestampOutOfTolerance) {
                try signer.verify(headers: webhook.headers, body: Self.body, now: Self.now)
            }
        }
    }

    @Test("secrets in whsec_ form decode; garbage does not")
    func secretForms() {
        #expect(StandardWebhooks(secrets: ["whsec_" + Data(Self.new).base64EncodedString()]) != nil)
        #expect(StandardWebhooks(secrets: ["whsec_***"]) == nil)
        #expect(StandardWebhooks(secrets: []) == nil)
    }
}
