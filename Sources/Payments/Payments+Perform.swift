import Foundation
import TorvCore

extension Payments {
    /// Step 2: calls the provider with the attempt's idempotency key. Touches no database, so it runs
    /// between the two transactions. Never throws: a timeout (``providerTimeout``) or a transport failure
    /// is `.unknown`, because the provider may have acted all the same; only asking it later tells.
    public func perform(_ attempt: PaymentAttempt) async -> ProviderOutcome {
        guard let provider = providers[attempt.provider] else {
            return .unknown(reason: "no provider named \(attempt.provider) is configured")
        }
        let timeout = providerTimeout
        do {
            return try await withThrowingTaskGroup(of: ProviderOutcome.self) { group in
                group.addTask { try await Self.call(provider, for: attempt) }
                group.addTask {
                    try await Task.sleep(for: timeout)
                    throw ProviderTimeout()
                }
                defer { group.cancelAll() }
                guard let first = try await group.next() else { throw ProviderTimeout() }
                return first
            }
        } catch {
            return .unknown(reason: String(describing: error))
        }
    }

    private static func call(
        _ provider: any PaymentProvider, for attempt: PaymentAttempt
    ) async throws
        -> ProviderOutcome
    {
        switch attempt.kind {
        case .authorization:
            return try await provider.authorize(
                AuthorizationRequest(
                    idempotencyKey: attempt.idempotencyKey, paymentID: attempt.paymentID, amount: attempt.amount,
                    instrument: attempt.instrument ?? .invoice, netDays: attempt.netDays,
                    reference: attempt.paymentID.rawValue))
        case .capture, .void, .refund:
            let request = OperationRequest(
                idempotencyKey: attempt.idempotencyKey, paymentID: attempt.paymentID,
                authorizationReference: attempt.authorizationReference ?? "", amount: attempt.amount)
            switch attempt.kind {
            case .capture: return try await provider.capture(request)
            case .void: return try await provider.void(request)
            default: return try await provider.refund(request)
            }
        }
    }

    /// What the provider knows of `attempt`, for reconciliation: its outcome, or `not_processed` when it
    /// never received the call. Throws `provider_unavailable` when it cannot be asked; nothing is guessed.
    public func lookUp(_ attempt: PaymentAttempt) async throws(PaymentError) -> ProviderOutcome {
        let provider = try self.provider(named: attempt.provider)
        do {
            return try await provider.lookup(attempt.idempotencyKey) ?? .declined(reason: .notProcessed)
        } catch {
            throw .providerUnavailable(provider.name)
        }
    }
}

struct ProviderTimeout: Error, CustomStringConvertible {
    var description: String { "the provider did not answer in time" }
}
