import Flows
import Foundation
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Payment lifecycle per test card")
struct LifecycleTests {
    @Test("4242…: authorised, captured, refunded in two parts", arguments: TestBackend.allCases)
    func approves(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let created = try await h.create(10_000)
            #expect(created.status == .pending)
            #expect(created.provider == "test_card")

            let authorized = try await h.payments.authorize(
                created.id, instrument: .card(token: TestCard.approves), in: h.database)
            #expect(authorized.status == .authorized)
            #expect(authorized.authorizedAmount == .eur(10_000))
            #expect(authorized.providerReference?.hasPrefix("ch_") == true)

            let captured = try await h.payments.capture(created.id, in: h.database)
            #expect(captured.status == .captured)
            #expect(captured.capturedAmount == .eur(10_000))

            let partly = try await h.payments.refund(
                created.id, amount: .eur(2_500), reason: "damaged box", key: "r1", in: h.database)
            #expect(partly.status == .partiallyRefunded)
            #expect(partly.refundedAmount == .eur(2_500))
            let refunded = try await h.payments.refund(
                created.id, amount: .eur(7_500), reason: "returned", key: "r2", in: h.database)
            #expect(refunded.status == .refunded)
            #expect(refunded.refundableAmount == .eur(0))

            #expect(
                try await h.eventTypes() == [
                    "payment.authorized", "payment.captured", "payment.refunded", "payment.refunded",
                ])
            let refundEvents = try await h.events(PaymentRefunded.self)
            #expect(refundEvents.map(\.refundAmount) == [.eur(2_500), .eur(7_500)])
            #expect(refundEvents.map(\.amounts.refunded) == [.eur(2_500), .eur(10_000)])
            let refunds = try await h.database.read { db in try await h.payments.refunds(of: created.id, on: db) }
            #expect(refunds.map(\.status) == [.succeeded, .succeeded])
            #expect(refunds.map(\.reason) == ["damaged box", "returned"])
            #expect(try await h.violations() == [])
        }
    }

    @Test(
        "declining cards fail with their reason, and another card may try again",
        arguments: TestBackend.allCases.flatMap { backend in
            [
                (backend, TestCard.insufficientFunds, "insufficient_funds"),
                (backend, TestCard.declines, "card_declined"),
            ]
        })
    func declines(backend: TestBackend, number: String, reason: String) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let failed = try await h.payments.authorize(payment.id, instrument: .card(token: number), in: h.database)
            #expect(failed.status == .failed)
            #expect(failed.failureReason?.rawValue == reason)
            #expect(failed.authorizedAmount == .eur(0))
            #expect(try await h.events(PaymentFailed.self).map(\.reason) == [reason])
            await #expect(throws: PaymentError.invalidStateTransition(from: .failed, transition: "capture")) {
                try await h.payments.capture(payment.id, in: h.database)
            }

            let retried = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.approves), in: h.database)
            #expect(retried.status == .authorized)
            #expect(retried.failureReason == nil)
            #expect(try await h.attempts(payment.id).map(\.status) == [.failed, .succeeded])
        }
    }

    @Test(
        "3-D Secure: requires_action with a challenge URL until the challenge webhook", arguments: TestBackend.allCases)
    func challenge(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let waiting = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.requiresChallenge), in: h.database)
            #expect(waiting.status == .requiresAction)
            let reference = try #require(waiting.providerReference)
            #expect(waiting.nextAction == .challenge(url: "https://psp.test/3ds/\(reference)"))
            #expect(
                try await h.events(PaymentRequiresAction.self).map(\.challengeURL) == [
                    "https://psp.test/3ds/\(reference)"
                ])
            // Nothing else may start while the customer is answering.
            await #expect(throws: PaymentError.operationInProgress) {
                try await h.payments.authorize(payment.id, instrument: .card(token: TestCard.approves), in: h.database)
            }

            #expect(await h.card.completeChallenge(reference, approve: true))
            let results = try await h.deliver(await h.card.drainWebhooks())
            #expect(results.count == 1)
            guard case .applied(let applied) = results.first else {
                Issue.record("expected the challenge webhook to apply, got \(results)")
                return
            }
            #expect(applied.status == .authorized)
            #expect(applied.nextAction == nil)
            #expect(try await h.payments.capture(payment.id, in: h.database).status == .captured)
        }
    }

    @Test("3-D Secure: a failed challenge fails the payment", arguments: TestBackend.allCases)
    func challengeFailed(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let waiting = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.requiresChallenge), in: h.database)
            #expect(await h.card.completeChallenge(try #require(waiting.providerReference), approve: false))
            _ = try await h.deliver(await h.card.drainWebhooks())
            let failed = try await h.payment(payment.id)
            #expect(failed.status == .failed)
            #expect(failed.failureReason == .authenticationFailed)
            #expect(failed.nextAction == nil)
        }
    }

    @Test("a payment starts pending whatever the caller wants, and bad input is refused at once")
    func creation() async throws {
        try await withPayments(on: .sqlite) { h in
            let created = try await h.create()
            #expect(created.status == .pending)
            let error = await #expect(throws: ValidationError.self) {
                try await h.database.inTransaction { db in
                    try await h.payments.createPayment(
                        NewPayment(reference: " ", amount: .eur(0), method: .invoice(netDays: 400)), on: db)
                }
            }
            #expect(
                error?.fieldErrors.map(\.code) == [
                    "reference_required", "amount_must_be_positive", "net_days_out_of_range",
                ])
            #expect(error?.fieldErrors.map(\.pointer) == ["/reference", "/amount", "/method/net_days"])
        }
    }

    @Test("a method with no provider is refused with unknown_provider")
    func noProvider() async throws {
        try await withPayments(on: .sqlite) { h in
            let cardOnly = Payments(
                outbox: h.platform.outbox, audit: h.platform.audit, jobs: h.platform.jobs, providers: [h.card])
            await #expect(throws: PaymentError.unknownProvider("invoice")) {
                try await h.database.inTransaction { db in
                    try await cardOnly.createPayment(
                        NewPayment(reference: "ord_1", amount: .eur(100), method: .invoice(netDays: 30)), on: db)
                }
            }
        }
    }

    @Test("payments are found by their order reference", arguments: TestBackend.allCases)
    func byReference(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let first = try await h.create(reference: "ord_a")
            let second = try await h.create(reference: "ord_a")
            _ = try await h.create(reference: "ord_b")
            let found = try await h.database.read { db in
                try await h.payments.payments(forReference: "ord_a", on: db)
            }
            #expect(found.map(\.id) == [first.id, second.id])
            await #expect(throws: PaymentError.paymentNotFound) {
                try await h.payment(PaymentID.generate())
            }
        }
    }
}
