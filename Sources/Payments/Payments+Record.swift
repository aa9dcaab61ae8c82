import Foundation
import Persistence
public import SQLKit
import TorvCore

extension Payments {
    /// Step 3: records the provider's `outcome` of `attempt` in the caller's transaction and returns the
    /// payment.
    ///
    /// Guarded by the attempt's status (a compare-and-set from `pending`, `requires_action` or `unknown`),
    /// so a late, duplicate or out-of-order outcome changes nothing and returns the payment as it is. The
    /// payment row is then locked and moved by the pure state machine; the matching event goes to the
    /// outbox. `.unknown` sets the payment `unknown` and schedules the reconcile job.
    public func record(
        _ outcome: ProviderOutcome, of attempt: PaymentAttempt, on db: any SQLDatabase
    ) async throws -> Payment {
        try await Savepoint.atomically("payments_record", on: db) {
            try await settle(outcome, of: attempt.id, on: db).payment
        }
    }

    /// Records `outcome`; `changed` is false when the attempt already had an outcome that this one may not
    /// replace.
    func settle(
        _ outcome: ProviderOutcome, of id: PaymentAttemptID, on db: any SQLDatabase
    ) async throws -> (payment: Payment, changed: Bool) {
        guard let record = try await PaymentStore.attempt(id, on: db) else { throw PaymentError.attemptNotFound }
        let attempt = record.attempt
        let target = Self.attemptStatus(after: outcome, of: attempt.kind)
        guard record.status.isOpen, target != record.status, Self.mayMove(from: record.status, to: target) else {
            return (try await payment(attempt.paymentID, on: db), false)
        }
        let now = self.now
        let (reference, failure) = Self.details(of: outcome)
        guard
            try await PaymentStore.settle(
                id, from: record.status, to: target, providerReference: reference, failure: failure, now: now, on: db)
        else {
            return (try await payment(attempt.paymentID, on: db), false)
        }
        guard let before = try await PaymentStore.payment(attempt.paymentID, locked: true, on: db) else {
            throw PaymentError.paymentNotFound
        }
        var after = before
        let transition = try Self.apply(outcome, of: attempt, to: &after)
        after.status = try before.status.after(transition)
        if after.status != .requiresAction { after.nextAction = nil }
        after.updatedAt = now
        // The call stays in flight until it has a final answer (a challenge or an unknown outcome is none).
        let settled = target == .succeeded || target == .failed
        let inFlight = try await PaymentStore.operationInFlight(of: attempt.paymentID, on: db)
        try await PaymentStore.save(after, inFlight: settled && inFlight == attempt.id ? nil : inFlight, on: db)
        try await announce(transition, of: attempt, payment: after, reason: failure, on: db)
        PaymentMetrics.outcome(attempt.kind, target)
        return (after, true)
    }

    /// The attempt's status after `outcome`. A challenge is only a legal answer to an authorisation; from
    /// any other call it is treated as no answer.
    static func attemptStatus(after outcome: ProviderOutcome, of kind: PaymentOperationKind) -> PaymentAttemptStatus {
        switch outcome {
        case .succeeded: .succeeded
        case .declined: .failed
        case .actionRequired: kind == .authorization ? .requiresAction : .unknown
        case .unknown: .unknown
        }
    }

    /// Attempts move forward only: an unknown outcome may not overwrite a challenge the customer is
    /// answering, and only a final answer ends an unknown one (or a challenge found by a lookup).
    static func mayMove(from current: PaymentAttemptStatus, to target: PaymentAttemptStatus) -> Bool {
        switch (current, target) {
        case (.pending, _): true
        case (.requiresAction, .succeeded), (.requiresAction, .failed): true
        case (.unknown, .succeeded), (.unknown, .failed), (.unknown, .requiresAction): true
        default: false
        }
    }

    static func details(of outcome: ProviderOutcome) -> (reference: String?, failure: DeclineReason?) {
        switch outcome {
        case .succeeded(let reference, _, _), .actionRequired(let reference, _): (reference, nil)
        case .declined(let reason, let reference): (reference, reason)
        case .unknown: (nil, nil)
        }
    }

    /// Moves the amounts and references for `outcome` and names the state machine's transition.
    static func apply(
        _ outcome: ProviderOutcome, of attempt: PaymentAttempt, to payment: inout Payment
    ) throws -> PaymentTransition {
        let amount = attempt.amount
        switch (attempt.kind, outcome) {
        case (_, .unknown), (.capture, .actionRequired), (.void, .actionRequired), (.refund, .actionRequired):
            return .outcomeUnknown
        case (.authorization, .succeeded(let reference, let dueAt, _)):
            payment.authorizedAmount = amount
            payment.providerReference = reference
            payment.dueAt = dueAt
            payment.failureReason = nil
            return .authorizationApproved
        case (.authorization, .actionRequired(let reference, let url)):
            payment.providerReference = reference
            payment.nextAction = .challenge(url: url)
            return .authorizationNeedsAction
        case (.authorization, .declined(let reason, _)):
            payment.failureReason = reason
            return .authorizationDeclined
        case (.capture, .succeeded(_, _, let fee)):
            payment.capturedAmount = amount
            // A fee is the provider's word; one in another currency or above the capture is not.
            if let fee, fee.currency == amount.currency, fee.amount >= 0, fee.amount <= amount.amount {
                payment.feeAmount = fee
            }
            return .captureSucceeded
        case (.capture, .declined): return .captureFailed
        case (.void, .succeeded): return .voidSucceeded
        case (.void, .declined): return .voidFailed
        case (.refund, .succeeded):
            payment.refundingAmount = try payment.refundingAmount.subtracting(amount)
            payment.refundedAmount = try payment.refundedAmount.adding(amount)
            return .refundSucceeded(fully: payment.refundedAmount == payment.capturedAmount)
        case (.refund, .declined):
            payment.refundingAmount = try payment.refundingAmount.subtracting(amount)
            return .refundFailed(partlyRefunded: payment.refundedAmount.isPositive)
        }
    }

    private func announce(
        _ transition: PaymentTransition, of attempt: PaymentAttempt, payment: Payment, reason: DeclineReason?,
        on db: any SQLDatabase
    ) async throws {
        let amounts = PaymentAmounts(payment)
        let (id, reference) = (payment.id, payment.reference)
        switch transition {
        case .authorizationApproved:
            try await outbox.append(
                PaymentAuthorized(
                    paymentID: id, reference: reference, amounts: amounts, providerReference: payment.providerReference,
                    dueAt: payment.dueAt), on: db)
        case .authorizationNeedsAction:
            guard case .challenge(let url) = payment.nextAction else { return }
            try await outbox.append(
                PaymentRequiresAction(paymentID: id, reference: reference, amounts: amounts, challengeURL: url), on: db)
        case .authorizationDeclined:
            try await outbox.append(
                PaymentFailed(
                    paymentID: id, reference: reference, amounts: amounts, reason: reason?.rawValue ?? "declined"),
                on: db)
        case .captureSucceeded:
            try await outbox.append(
                PaymentCaptured(
                    paymentID: id, reference: reference, amounts: amounts,
                    fee: payment.feeAmount.isPositive ? payment.feeAmount : nil), on: db)
        case .voidSucceeded:
            try await outbox.append(PaymentVoided(paymentID: id, reference: reference, amounts: amounts), on: db)
        case .refundSucceeded:
            // A CHECK gives every refund attempt its refund ID and reason.
            guard let refundID = attempt.refundID, let stored = try await PaymentStore.attempt(attempt.id, on: db)
            else { return }
            try await outbox.append(
                PaymentRefunded(
                    paymentID: id, reference: reference, amounts: amounts, refundID: refundID,
                    refundAmount: attempt.amount, reason: stored.refundReason ?? ""), on: db)
        case .captureFailed, .voidFailed, .refundFailed:
            try await outbox.append(
                PaymentOperationFailed(
                    paymentID: id, reference: reference, amounts: amounts, operation: attempt.kind,
                    reason: reason?.rawValue ?? "declined"), on: db)
        case .outcomeUnknown:
            try await outbox.append(
                PaymentOutcomeUnknown(
                    paymentID: id, reference: reference, amounts: amounts, operation: attempt.kind,
                    attemptID: attempt.id),
                on: db)
            try await jobs.enqueue(
                kind: Self.reconcileJobKind, payload: ReconcileRequest(paymentID: id, attemptID: attempt.id),
                runAt: now.addingTimeInterval(reconcileDelay),
                uniqueKey: "\(Self.reconcileJobKind):\(attempt.id.rawValue):unknown", on: db)
        }
    }
}
