import Flows
import Foundation
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Reconciling unknown outcomes")
struct ReconcileTests {
    @Test(
        "a timeout after the charge is unknown, and the reconcile job finds it authorised",
        arguments: TestBackend.allCases)
    func timeoutAfterCharge(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let unknown = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.timesOutAfterCharge), in: h.database)
            #expect(unknown.status == .unknown)
            #expect(unknown.authorizedAmount == .eur(0))  // nothing is assumed
            let announced = try await h.events(PaymentOutcomeUnknown.self)
            #expect(announced.map(\.operation) == [.authorization])
            await #expect(throws: PaymentError.operationInProgress) {
                try await h.payments.capture(payment.id, in: h.database)
            }

            #expect(try await h.runJobs() == 0)  // not due yet: the provider gets a moment
            h.env.clock.advance(by: 61)
            #expect(try await h.runJobs() == 1)
            let resolved = try await h.payment(payment.id)
            #expect(resolved.status == .authorized)
            #expect(resolved.authorizedAmount == .eur(10_000))
            #expect(try await h.eventTypes() == ["payment.outcome_unknown", "payment.authorized"])
            #expect(try await h.payments.capture(payment.id, in: h.database).status == .captured)
        }
    }

    @Test("a timeout before the charge is unknown, then failed; another card may pay", arguments: TestBackend.allCases)
    func timeoutBeforeCharge(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let unknown = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.timesOutBeforeCharge), in: h.database)
            #expect(unknown.status == .unknown)
            let failed = try await h.payments.reconcile(payment.id, in: h.database)
            #expect(failed.status == .failed)
            #expect(failed.failureReason == .notProcessed)
            // Reconciling again changes nothing.
            #expect(try await h.payments.reconcile(payment.id, in: h.database) == failed)
            let paid = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.approves), in: h.database)
            #expect(paid.status == .authorized)
            #expect(try await h.eventTypes() == ["payment.outcome_unknown", "payment.failed", "payment.authorized"])
        }
    }

    @Test("a capture that timed out after capturing is reconciled to captured", arguments: TestBackend.allCases)
    func captureTimeout(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.authorized()
            await h.card.timeOutNext(.capture, afterProcessing: true)
            #expect(try await h.payments.capture(payment.id, amount: .eur(4_000), in: h.database).status == .unknown)
            let resolved = try await h.payments.reconcile(payment.id, in: h.database)
            #expect(resolved.status == .captured)
            #expect(resolved.capturedAmount == .eur(4_000))
        }
    }

    @Test(
        "a refund lost before the provider got it is failed and its amount freed again", arguments: TestBackend.allCases
    )
    func refundTimeout(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.captured(10_000)
            await h.card.timeOutNext(.refund, afterProcessing: false)
            let unknown = try await h.payments.refund(
                payment.id, amount: .eur(3_000), reason: "goodwill", key: "r1", in: h.database)
            #expect(unknown.status == .unknown)
            #expect(unknown.refundableAmount == .eur(7_000))  // promised until we know
            await #expect(throws: PaymentError.operationInProgress) {
                try await h.payments.refund(payment.id, amount: .eur(100), reason: "more", key: "r2", in: h.database)
            }
            let resolved = try await h.payments.reconcile(payment.id, in: h.database)
            #expect(resolved.status == .captured)
            #expect(resolved.refundedAmount == .eur(0))
            #expect(resolved.refundableAmount == .eur(10_000))
            #expect(try await h.eventTypes().suffix(2) == ["payment.outcome_unknown", "payment.operation_failed"])
            #expect(try await h.violations() == [])
        }
    }

    @Test("an attempt abandoned between the steps is looked up once it is old enough", arguments: TestBackend.allCases)
    func abandoned(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            // The process dies after step 1: the provider never hears of the attempt.
            _ = try await h.database.inTransaction { db in
                try await h.payments.startAuthorization(payment.id, instrument: .card(token: TestCard.approves), on: db)
            }
            // Too young: it may still be on its way to the provider.
            #expect(try await h.payments.reconcile(payment.id, in: h.database).status == .pending)
            h.env.clock.advance(by: 15 * 60 + 2)
            #expect(try await h.runJobs() == 1)
            let failed = try await h.payment(payment.id)
            #expect(failed.status == .failed)
            #expect(failed.failureReason == .notProcessed)
            #expect(
                try await h.payments.authorize(payment.id, instrument: .card(token: TestCard.approves), in: h.database)
                    .status == .authorized)
        }
    }

    @Test(
        "while the provider cannot be asked, the payment stays unknown and the job retries",
        arguments: TestBackend.allCases)
    func unreachable(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let flaky = UnreachableProvider()
            let payments = Payments(
                outbox: h.platform.outbox, audit: h.platform.audit, jobs: h.platform.jobs, providers: [flaky],
                clock: h.env.clock.wallClock, ids: h.env.ids)
            let payment = try await h.database.inTransaction { db in
                try await payments.createPayment(
                    NewPayment(reference: "ord_1", amount: .eur(100), method: .card), on: db)
            }
            #expect(
                try await payments.authorize(payment.id, instrument: .card(token: TestCard.approves), in: h.database)
                    .status == .unknown)
            await #expect(throws: PaymentError.providerUnavailable("flaky")) {
                try await payments.reconcile(payment.id, in: h.database)
            }
            h.env.clock.advance(by: 61)
            let worker = JobWorker(
                database: h.database, queue: h.platform.jobs, handlers: [payments.reconcileJob(in: h.database)])
            #expect(try await worker.runDue() == 1)
            // Queued: this job's retry, and the abandonment check.
            #expect(try await h.platform.jobs.counts(in: h.database)["queued"] == 2)
            #expect(try await h.payment(payment.id).status == .unknown)
        }
    }
}

/// A provider whose every call times out and whose lookups fail: a PSP outage.
struct UnreachableProvider: PaymentProvider {
    let name = "flaky"
    let method = PaymentMethodKind.card
    struct Down: Error {}
    func authorize(_ request: AuthorizationRequest) async throws -> ProviderOutcome { throw Down() }
    func capture(_ request: OperationRequest) async throws -> ProviderOutcome { throw Down() }
    func void(_ request: OperationRequest) async throws -> ProviderOutcome { throw Down() }
    func refund(_ request: OperationRequest) async throws -> ProviderOutcome { throw Down() }
    func lookup(_ idempotencyKey: String) async throws -> ProviderOutcome? { throw Down() }
    func verifyWebhook(headers: [String: String], body: [UInt8], now: Date) throws(PaymentError) -> ProviderEvent {
        throw .webhookSignatureInvalid
    }
}
