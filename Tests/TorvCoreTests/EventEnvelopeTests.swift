import Foundation
import Testing
import TorvCore

@Suite struct EventEnvelopeTests {
    let event = CustomerRegistered(customerID: "cus_1", email: "a@example.com", registeredAt: sampleDate)
    let id = EventID.generate(.incrementing(), at: sampleDate)

    @Test("wrapping an event records its type and writes sorted-key JSON with ISO 8601 dates")
    func wrap() throws {
        let envelope = try EventEnvelope(event, id: id, occurredAt: sampleDate, requestID: "req-1")
        #expect(envelope.type == "customer.registered")
        #expect(envelope.id == id && envelope.occurredAt == sampleDate && envelope.requestID == "req-1")
        let json = String(decoding: envelope.payload, as: UTF8.self)
        #expect(json == #"{"customerID":"cus_1","email":"a@example.com","registeredAt":"2026-11-23T16:21:04.123Z"}"#)
    }

    @Test("the same event always produces the same bytes")
    func deterministicPayload() throws {
        let a = try EventEnvelope(event, id: id, occurredAt: sampleDate)
        let b = try EventEnvelope(event, id: id, occurredAt: sampleDate)
        #expect(a.payload == b.payload)
        #expect(a == b)
    }

    @Test("decoding gives back the event, dates to the millisecond")
    func decode() throws {
        let envelope = try EventEnvelope(event, id: id, occurredAt: sampleDate)
        #expect(try envelope.decode(CustomerRegistered.self) == event)
    }

    @Test("decoding as another event type is refused before reading the payload")
    func typeMismatch() throws {
        let envelope = try EventEnvelope(event, id: id, occurredAt: sampleDate)
        #expect(throws: EventError.typeMismatch(expected: "order.placed", found: "customer.registered")) {
            try envelope.decode(OrderPlaced.self)
        }
    }

    @Test(
        "a payload that is not the event's JSON is refused",
        arguments: [
            "not json", #"{"customerID":"cus_1"}"#, #"{"customerID":"c","email":"e","registeredAt":"yesterday"}"#,
        ])
    func badPayload(payload: String) {
        let envelope = EventEnvelope(
            id: id, type: CustomerRegistered.eventType, occurredAt: sampleDate, payload: Data(payload.utf8),
            requestID: nil)
        let error = #expect(throws: EventError.self) { try envelope.decode(CustomerRegistered.self) }
        #expect(error?.code == "event_payload_invalid")
    }

    @Test("an envelope survives JSON encoding as a whole")
    func envelopeCodable() throws {
        let envelope = try EventEnvelope(event, id: id, occurredAt: sampleDate, requestID: nil)
        let data = try EventJSON.encoder().encode(envelope)
        #expect(try EventJSON.decoder().decode(EventEnvelope.self, from: data) == envelope)
    }

    @Test(
        "event dates are written in UTC with exact milliseconds",
        arguments: [
            (1_795_450_864.123, "2026-11-23T16:21:04.123Z"),
            (1_795_450_864, "2026-11-23T16:21:04.000Z"),
            (0.001, "1970-01-01T00:00:00.001Z"),
            (-1.5, "1969-12-31T23:59:58.500Z"),
            (1_700_000_000.999_6, "2023-11-14T22:13:21.000Z"),
        ])
    func dateFormat(seconds: Double, expected: String) {
        #expect(EventJSON.format(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test(
        "event dates are read with or without milliseconds",
        arguments: [
            ("2026-11-23T16:21:04.123Z", 1_795_450_864.123),
            ("2026-11-23T16:21:04Z", 1_795_450_864),
            ("2026-11-23T16:21:04.1Z", 1_795_450_864.1),
            ("1969-12-31T23:59:58.500Z", -1.5),
        ])
    func dateParse(text: String, seconds: Double) {
        #expect(EventJSON.parse(text) == Date(timeIntervalSince1970: seconds))
    }

    @Test(
        "other date spellings are refused",
        arguments: [
            "2026-11-23T16:21:04.1234Z", "2026-11-23T16:21:04+01:00", "2026-11-23", "yesterday", "",
            "2026-11-23T16:21:04.Z", "2026-11-23T16:21:04.-12Z",
        ])
    func dateRefusals(text: String) {
        #expect(EventJSON.parse(text) == nil)
    }
}
