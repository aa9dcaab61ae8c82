import Flows
import Foundation
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Provider webhooks")
struct WebhookTests {
    @Test("duplicated webhooks, replayed out of order, apply once each", arguments: TestBackend.allCases)
    func duplicates(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let waiting = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.requiresChallenge), in: h.database)
            await h.card.completeChallenge(try #require(waiting.providerReference), approve: true)
            let challenge = await h.card.drainWebhooks()
            #expect(try await h.deliver(challenge + challenge).map(Self.label) == ["applied", "duplicate"])

            _ = try await h.payments.capture(payment.id, in: h.database)
            _ = try await h.payments.refund(payment.id, amount: .eur(500), reason: "scratch", key: "r1", in: h.database)
            let settlements = await h.card.drainWebhooks()
            #expect(settlements.count == 2)  // capture settled, refund settled
            // Their answers were recorded synchronously already: the webhooks confirm and change nothing.
            #expect(try await h.deliver(settlements.reversed()).map(Self.label) == ["stale", "stale"])
            let everything = (challenge + settlements).reversed() + challenge + settlements
            #expect(try await h.deliver(Array(everything)).allSatisfy { $0 == .duplicate })

            let stored = try await h.payment(payment.id)
            #expect(stored.status == .partiallyRefunded)
            #expect(stored.refundedAmount == .eur(500))
            #expect(
                try await h.eventTypes() == [
                    "payment.requires_action", "payment.authorized", "payment.captured", "payment.refunded",
                ])
        }
    }

    @Test(
        "an authorisation webhook arriving after the capture does not move the payment back",
        arguments: TestBackend.allCases)
    func noRegression(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let unknown = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.timesOutAfterCharge), in: h.database)
            #expect(unknown.status == .unknown)
            let late = await h.card.drainWebhooks()  // the PSP's "authorised" message, delivered late below
            #expect(late.count == 1)
            _ = try await h.payments.reconcile(payment.id, in: h.database)
            #expect(try await h.payments.capture(payment.id, in: h.database).status == .captured)

            #expect(try await h.deliver(late).map(Self.label) == ["stale"])
            #expect(try await h.payment(payment.id).status == .captured)
            #expect(try await h.events(PaymentAuthorized.self).count == 1)
        }
    }

    @Test("a webhook resolves an unknown outcome before reconciliation does", arguments: TestBackend.allCases)
    func webhookResolvesUnknown(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            _ = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.timesOutAfterCharge), in: h.database)
            let results = try await h.deliver(await h.card.drainWebhooks())
            guard case .applied(let applied) = results.first else {
                Issue.record("expected the webhook to apply, got \(results)")
                return
            }
            #expect(applied.status == .authorized)
            // The reconcile job still runs later and finds nothing to do.
            h.env.clock.advance(by: 120)
            #expect(try await h.runJobs() == 1)
            #expect(try await h.payment(payment.id).status == .authorized)
            #expect(try await h.events(PaymentAuthorized.self).count == 1)
        }
    }

    @Test("the same event delivered by 8 requests at once is applied once", arguments: TestBackend.allCases)
    func concurrentDuplicates(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let waiting = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.requiresChallenge), in: h.database)
            await h.card.completeChallenge(try #require(waiting.providerReference), approve: true)
            let webhook = try #require(await h.card.drainWebhooks().first)
            let labels = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<8 {
                    group.addTask { Self.label(try await h.deliver([webhook])[0]) }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(labels.sorted() == ["applied"] + Array(repeating: "duplicate", count: 7))
            #expect(try await h.events(PaymentAuthorized.self).count == 1)
        }
    }

    @Test(
        "a reconciliation and the provider's webhook racing for one unknown outcome record it once",
        arguments: TestBackend.allCases)
    func reconcileRacesWebhook(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            _ = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.timesOutAfterCharge), in: h.database)
            let webhook = try #require(await h.card.drainWebhooks().first)
            let applied = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        if index.isMultiple(of: 2) {
                            _ = try await h.payments.reconcile(payment.id, in: h.database)
                            return 0
                        }
                        guard case .applied = try await h.deliver([webhook])[0] else { return 0 }
                        return 1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(applied <= 1)
            #expect(try await h.payment(payment.id).status == .authorized)
            #expect(try await h.events(PaymentAuthorized.self).count == 1)
            let attempts = try await h.attempts(payment.id)
            #expect(attempts.map(\.status) == [.succeeded])
            #expect(try await h.violations() == [])
        }
    }

    @Test(
        "forged, replayed-too-late and misaddressed webhooks are refused before any database work",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let payment = try await h.create()
            let waiting = try await h.payments.authorize(
                payment.id, instrument: .card(token: TestCard.requiresChallenge), in: h.database)
            await h.card.completeChallenge(try #require(waiting.providerReference), approve: true)
            let webhook = try #require(await h.card.drainWebhooks().first)

            var forged = webhook.body
            forged[forged.count - 2] ^= 1
            #expect(throws: PaymentError.webhookSignatureInvalid) {
                try h.payments.verifyWebhook(provider: "test_card", headers: webhook.headers, body: forged)
            }
            let stranger = StandardWebhooks(keys: [Array("not-the-shared-secret".utf8)])
            let unsigned = stranger.sign(id: webhook.id, timestamp: h.env.clock.now, body: webhook.body)
            #expect(throws: PaymentError.webhookSignatureInvalid) {
                try h.payments.verifyWebhook(provider: "test_card", headers: unsigned.headers, body: unsigned.body)
            }
            #expect(throws: PaymentError.unknownProvider("stripe")) {
                try h.payments.verifyWebhook(provider: "stripe", headers: webhook.headers, body: webhook.body)
            }
            #expect(throws: PaymentError.webhookSignatureInvalid) {
                try h.payments.verifyWebhook(provider: "invoice", headers: webhook.headers, body: webhook.body)
            }
            let garbage = StandardWebhooks(keys: [TestCardProvider.developmentSecret])
                .sign(id: "msg_x", timestamp: h.env.clock.now, body: Array("{}".utf8))
            #expect(throws: PaymentError.webhookPayloadInvalid) {
                try h.payments.verifyWebhook(provider: "test_card", headers: garbage.headers, body: garbage.body)
            }

            h.env.clock.advance(by: 301)
            #expect(throws: PaymentError.webhookTimestampOutOfTolerance) {
                try h.payments.verifyWebhook(provider: "test_card", headers: webhook.headers, body: webhook.body)
            }
            #expect(try await h.payment(payment.id).status == .requiresAction)
        }
    }

    @Test("an event about a call we never made is stale, and stays so on replay", arguments: TestBackend.allCases)
    func strangers(backend: TestBackend) async throws {
        try await withPayments(on: backend) { h in
            let event = ProviderEvent(
                provider: "test_card", id: "msg_1", idempotencyKey: "patt_unknown",
                outcome: .succeeded(reference: "ch_1"), occurredAt: h.env.clock.now)
            for expected in [WebhookApplication.stale, .duplicate] {
                let application = try await h.database.inTransaction { db in try await h.payments.apply(event, on: db) }
                #expect(application == expected)
            }
        }
    }

    static func label(_ application: WebhookApplication) -> String {
        switch application {
        case .applied: "applied"
        case .duplicate: "duplicate"
        case .stale: "stale"
        }
    }
}
