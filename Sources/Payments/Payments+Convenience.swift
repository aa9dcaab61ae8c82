public import Persistence
import SQLKit
public import TorvCore

/// The three steps in one call, each database step in its own transaction and the provider call between
/// them, for callers with no transition of their own to record alongside (staff actions, jobs, tests).
/// Flows that must record the outcome with an order's change use the steps directly.
extension Payments {
    /// Authorises the payment with `instrument`. A decline is not thrown: the returned payment is
    /// `failed` with its ``Payment/failureReason``; a challenge leaves it `requires_action`.
    @discardableResult
    public func authorize(
        _ id: PaymentID, instrument: PaymentInstrument, in database: Database
    ) async throws
        -> Payment
    {
        try await run(in: database) { db in try await self.startAuthorization(id, instrument: instrument, on: db) }
    }

    /// Captures `amount` (everything authorised when `nil`).
    @discardableResult
    public func capture(_ id: PaymentID, amount: Money? = nil, in database: Database) async throws -> Payment {
        try await run(in: database) { db in try await self.startCapture(id, amount: amount, on: db) }
    }

    /// Voids the authorisation; only before capture.
    @discardableResult
    public func void(_ id: PaymentID, by actor: AuditActor? = nil, in database: Database) async throws -> Payment {
        try await run(in: database) { db in try await self.startVoid(id, by: actor, on: db) }
    }

    /// Refunds `amount`; a repeated call with the same `key` is the same refund.
    @discardableResult
    public func refund(
        _ id: PaymentID, amount: Money, reason: String, key: String, by actor: AuditActor? = nil,
        in database: Database
    ) async throws -> Payment {
        try await run(in: database) { db in
            try await self.startRefund(id, amount: amount, reason: reason, key: key, by: actor, on: db)
        }
    }

    private func run(
        in database: Database, _ start: @escaping @Sendable (any SQLDatabase) async throws -> PaymentAttempt
    ) async throws -> Payment {
        let attempt = try await database.inTransaction(start)
        let outcome = await perform(attempt)
        return try await database.inTransaction { db in try await self.record(outcome, of: attempt, on: db) }
    }
}
