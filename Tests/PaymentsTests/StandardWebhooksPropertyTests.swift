import Foundation
import Payments
import PropertyBased
import Testing

/// Signature properties for every id, body and time, not only the ones in the tables.
@Suite struct StandardWebhooksPropertyTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let signer = StandardWebhooks(keys: [Array("property-secret".utf8)])
    static let id = Gen.letterOrNumber.string(of: 1...40)
    static let body = Gen.uint8(in: 0...255).array(of: 0...300)

    @Test("whatever the id and body, a webhook signed within tolerance verifies")
    func roundTrip() async {
        await propertyCheck(count: 300, input: Self.id, Self.body, Gen.int(in: -300...300)) { id, body, offset in
            let webhook = Self.signer.sign(
                id: id, timestamp: Self.now.addingTimeInterval(Double(offset)), body: body)
            let verified = try Self.signer.verify(headers: webhook.headers, body: body, now: Self.now)
            #expect(verified.id == id)
        }
    }

    @Test("flipping any one bit of the body breaks the signature")
    func tamperedBody() async {
        await propertyCheck(count: 300, input: Self.id, Self.body.filter { !$0.isEmpty }, Gen.int(in: 0...7)) {
            id, body, bit in
            let webhook = Self.signer.sign(id: id, timestamp: Self.now, body: body)
            var tampered = body
            let index = (id.utf8.count * 31 + bit) % tampered.count
            tampered[index] ^= UInt8(1) << UInt8(bit)
            #expect(throws: PaymentError.webhookSignatureInvalid) {
                try Self.signer.verify(headers: webhook.headers, body: tampered, now: Self.now)
            }
        }
    }

    @Test("a correctly signed webhook outside the tolerance is always refused for its time")
    func outsideTolerance() async {
        let offsets = Gen.int(in: 301...10_000_000)
        await propertyCheck(count: 300, input: Self.body, offsets, Gen.bool) { body, offset, past in
            let at = Self.now.addingTimeInterval(Double(past ? -offset : offset))
            let webhook = Self.signer.sign(id: "msg_1", timestamp: at, body: body)
            #expect(throws: PaymentError.webhookTimestampOutOfTolerance) {
                try Self.signer.verify(headers: webhook.headers, body: body, now: Self.now)
            }
        }
    }
}
