public import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Payments {
    /// Verifies an inbound webhook from `provider` (signature in constant time, timestamp within five
    /// minutes of now either way) and decodes it. Pure: no database, so the HTTP layer can refuse forged
    /// requests before opening a transaction.
    public func verifyWebhook(
        provider name: String, headers: [String: String], body: [UInt8]
    ) throws(PaymentError) -> ProviderEvent {
        try self.provider(named: name).verifyWebhook(headers: headers, body: body, now: now)
    }

    /// ``verifyWebhook(provider:headers:body:)`` for a body held as `Data`.
    public func verifyWebhook(
        provider name: String, headers: [String: String], body: Data
    ) throws(PaymentError) -> ProviderEvent {
        try verifyWebhook(provider: name, headers: headers, body: Array(body))
    }

    /// Applies a verified event in the caller's transaction: at most once per (provider, event ID), and
    /// never backwards — an event whose attempt already has an outcome (from the call's own answer, a
    /// lookup, or an earlier event) is `stale` and changes nothing. An event about a call we never made is
    /// `stale` too (recorded, so a replay is a `duplicate`).
    public func apply(_ event: ProviderEvent, on db: any SQLDatabase) async throws -> WebhookApplication {
        try await Savepoint.atomically("payments_webhook", on: db) {
            let attemptID = PaymentAttemptID(event.idempotencyKey)
            guard
                try await PaymentStore.receiveEvent(
                    provider: event.provider, id: event.id, attempt: attemptID, now: now, on: db)
            else {
                PaymentMetrics.webhook("duplicate")
                return .duplicate
            }
            guard let attemptID, let record = try await PaymentStore.attempt(attemptID, on: db),
                record.attempt.provider == event.provider
            else {
                try await PaymentStore.markEvent(provider: event.provider, id: event.id, applied: false, on: db)
                PaymentMetrics.webhook("stale")
                return .stale
            }
            let (payment, changed) = try await settle(event.outcome, of: attemptID, on: db)
            try await PaymentStore.markEvent(provider: event.provider, id: event.id, applied: changed, on: db)
            PaymentMetrics.webhook(changed ? "applied" : "stale")
            return changed ? .applied(payment) : .stale
        }
    }
}
