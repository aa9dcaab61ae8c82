import Flows
import Foundation
import Payments
import Persistence
import SQLKit
import TestSupport
import TorvCore

/// One test's payments module over a fresh database, with the simulated PSP the test drives.
struct PaymentsHarness: Sendable {
    let env: TestEnvironment
    let platform: Platform
    let card: TestCardProvider
    let payments: Payments

    var database: Database { env.database }

    init(_ env: TestEnvironment) {
        self.env = env
        platform = env.platform()
        card = TestCardProvider(clock: env.clock.wallClock)
        payments = Payments(
            outbox: platform.outbox, audit: platform.audit, jobs: platform.jobs,
            providers: [card, InvoiceProvider(clock: env.clock.wallClock)], clock: env.clock.wallClock, ids: env.ids)
    }

    func create(
        _ minor: Int64 = 10_000, method: PaymentMethod = .card, reference: String = "ord_1"
    ) async throws -> Payment {
        let payments = self.payments
        return try await database.inTransaction { db in
            try await payments.createPayment(
                NewPayment(reference: reference, amount: .eur(minor), method: method, customerID: "cus_1"), on: db)
        }
    }

    /// A payment authorised with a card of `number`.
    func authorized(_ minor: Int64 = 10_000, card number: String = TestCard.approves) async throws -> Payment {
        let payment = try await create(minor)
        return try await payments.authorize(payment.id, instrument: .card(token: number), in: database)
    }

    /// A payment authorised and captured in full.
    func captured(_ minor: Int64 = 10_000) async throws -> Payment {
        let payment = try await authorized(minor)
        return try await payments.capture(payment.id, in: database)
    }

    func payment(_ id: PaymentID) async throws -> Payment {
        let payments = self.payments
        return try await database.read { db in try await payments.payment(id, on: db) }
    }

    func attempts(_ id: PaymentID) async throws -> [PaymentAttemptRecord] {
        let payments = self.payments
        return try await database.read { db in try await payments.attempts(of: id, on: db) }
    }

    /// Verifies and applies each webhook in its own transaction, as the HTTP layer would.
    func deliver(_ webhooks: [SignedWebhook]) async throws -> [WebhookApplication] {
        var results: [WebhookApplication] = []
        for webhook in webhooks {
            let event = try payments.verifyWebhook(provider: card.name, headers: webhook.headers, body: webhook.body)
            let payments = self.payments
            results.append(try await database.inTransaction { db in try await payments.apply(event, on: db) })
        }
        return results
    }

    /// Event types in the outbox, oldest first.
    func eventTypes() async throws -> [String] {
        let outbox = platform.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }.map(\.type)
    }

    func events<E: DomainEvent>(_ type: E.Type) async throws -> [E] {
        let outbox = platform.outbox
        return try await database.read { db in try await outbox.history(limit: 10_000, on: db) }
            .filter { $0.type == E.eventType }.map { try $0.decode(E.self) }
    }

    func violations() async throws -> [PaymentViolation] {
        let payments = self.payments
        return try await database.read { db in try await payments.verifyInvariants(on: db) }
    }

    /// Runs the job worker with the reconcile handler once.
    func runJobs() async throws -> Int {
        let worker = JobWorker(
            database: database, queue: platform.jobs, handlers: [payments.reconcileJob(in: database)])
        return try await worker.runDue()
    }
}

extension Money {
    static func eur(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }
}

/// Runs `body` with a fresh harness on `backend`.
func withPayments(
    on backend: TestBackend, _ body: @Sendable (PaymentsHarness) async throws -> Void
) async throws {
    try await withTestDatabase(on: backend) { env in try await body(PaymentsHarness(env)) }
}
