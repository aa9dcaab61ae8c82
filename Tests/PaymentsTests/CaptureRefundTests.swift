import Flows
import Foundation
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Captures, voids and refunds")
struct CaptureRefundTests {
    @Test("a partial capture happens once and bounds the refunds", arguments: TestBackend.allCases)
    func partialCaptureOnce(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.authorized(10_000)
            let captured = try await h.payments.capture(payment.id, amount: .eur(6_000), in: h.database)
            #expect(captured.status == .captured)
            #expect(captured.capturedAmount == .eur(6_000))
            await #expect(throws: PaymentError.alreadyCaptured) {
                try await h.payments.capture(payment.id, amount: .eur(4_000), in: h.database)
            }
            await #expect(throws: PaymentError.refundExceedsCapture(refundable: .eur(6_000))) {
                try await h.payments.refund(
                    payment.id, amount: .eur(6_001), reason: "too much", key: "r1", in: h.database)
            }
            let refunded = try await h.payments.refund(
                payment.id, amount: .eur(6_000), reason: "all of it", key: "r2", in: h.database)
            #expect(refunded.status == .refunded)
            await #expect(throws: PaymentError.invalidStateTransition(from: .refunded, transition: "refund")) {
                try await h.payments.refund(payment.id, amount: .eur(1), reason: "more", key: "r3", in: h.database)
            }
            #expect(try await h.events(PaymentCaptured.self).map(\.amounts.captured) == [.eur(6_000)])
        }
    }

    @Test("a capture above the authorisation is refused and leaves nothing behind", arguments: TestBackend.allCases)
    func captureTooMuch(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.authorized(10_000)
            await #expect(throws: PaymentError.captureExceedsAuthorization(authorized: .eur(10_000))) {
                try await h.payments.capture(payment.id, amount: .eur(10_001), in: h.database)
            }
            await #expect(throws: ValidationError.self) {
                try await h.payments.capture(payment.id, amount: Money(minorUnits: 100, currency: .usd), in: h.database)
            }
            #expect(try await h.payment(payment.id).status == .authorized)
            #expect(try await h.attempts(payment.id).map(\.attempt.kind) == [.authorization])
            #expect(try await h.payments.capture(payment.id, in: h.database).capturedAmount == .eur(10_000))
        }
    }

    @Test("a void works only before capture", arguments: TestBackend.allCases)
    func voids(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let first = try await h.authorized()
            let voided = try await h.payments.void(first.id, by: .staff, in: h.database)
            #expect(voided.status == .voided)
            await #expect(throws: PaymentError.invalidStateTransition(from: .voided, transition: "capture")) {
                try await h.payments.capture(first.id, in: h.database)
            }
            let second = try await h.captured()
            await #expect(throws: PaymentError.alreadyCaptured) {
                try await h.payments.void(second.id, in: h.database)
            }
            let pending = try await h.create()
            await #expect(throws: PaymentError.invalidStateTransition(from: .pending, transition: "void")) {
                try await h.payments.void(pending.id, in: h.database)
            }
            #expect(try await h.eventTypes().filter { $0 == "payment.voided" }.count == 1)
            let audit = try await h.database.read { db in try await h.platform.audit.list(limit: 10, on: db) }
            #expect(audit.map(\.action) == ["payment.void_requested"])
        }
    }

    @Test("a refund key is one refund; reusing it for another amount is refused", arguments: TestBackend.allCases)
    func refundKeys(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            for _ in 0..<3 {
                _ = try await h.payments.refund(
                    payment.id, amount: .eur(1_000), reason: "late delivery", key: "refund-1", by: .staff,
                    in: h.database)
            }
            #expect(try await h.payment(payment.id).refundedAmount == .eur(1_000))
            await #expect(throws: PaymentError.refundKeyReused) {
                try await h.payments.refund(
                    payment.id, amount: .eur(2_000), reason: "late delivery", key: "refund-1", in: h.database)
            }
            #expect(try await h.events(PaymentRefunded.self).count == 1)
            await #expect(throws: ValidationError.self) {
                try await h.payments.refund(payment.id, amount: .eur(0), reason: " ", key: "", in: h.database)
            }
        }
    }

    @Test("the database itself refuses a second successful capture and over-refunds", arguments: TestBackend.allCases)
    func databaseInvariants(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            let id = payment.id.rawValue
            // Straight SQL, bypassing the facade: the schema alone must say no.
            await #expect(throws: (any Error).self) {
                try await h.database.inTransaction { db in
                    try await db.raw(
                        """
                        INSERT INTO payment_attempts (id, payment_id, kind, status, provider, amount,
                            authorization_reference, created_at, updated_at)
                        VALUES ('patt_x', \(bind: id), 'capture', 'succeeded', 'test_card', 1, 'ch', 0, 0)
                        """
                    ).run()
                }
            }
            for statement in [
                "UPDATE payments SET captured_amount = authorized_amount + 1",
                "UPDATE payments SET refunded_amount = captured_amount + 1",
                "UPDATE payments SET refunding_amount = 1, refunded_amount = captured_amount",
            ] {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await h.database.inTransaction { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
            #expect(try await h.payment(payment.id) == payment)
            #expect(try await h.violations() == [])
        }
    }
}

extension CaptureRefundTests {
    @Test("the invariant audit finds amounts that disagree with the attempts", arguments: TestBackend.allCases)
    func audit(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            #expect(try await h.violations() == [])
            // Within every CHECK, yet not what the provider calls say.
            try await h.database.inTransaction { db in
                try await db.raw("UPDATE payments SET captured_amount = 9000, operation_in_flight = 'patt_gone'").run()
            }
            #expect(
                try await h.violations() == [
                    PaymentViolation(
                        kind: .capturedDiffersFromAttempts, paymentID: payment.id, recorded: 9_000, expected: 10_000),
                    PaymentViolation(
                        kind: .inFlightWithoutOpenAttempt, paymentID: payment.id, recorded: 1, expected: 0),
                ])
        }
    }
}

extension AuditActor {
    static let staff = AuditActor(kind: "staff", id: "stf_1", requestID: "req_test")
}
