import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Payments {
    /// Step 1 of an authorisation: marks it in flight (from `pending`, or `failed` for another card) and
    /// writes the attempt. Refused with `operation_in_progress` while another call is unanswered.
    public func startAuthorization(
        _ id: PaymentID, instrument: PaymentInstrument, on db: any SQLDatabase
    ) async throws -> PaymentAttempt {
        try await start(.authorization, of: id, on: db) { payment in
            let netDays: Int? =
                switch payment.method {
                case .invoice(let days): days
                case .card: nil
                }
            return (payment.amount, nil, instrument, netDays)
        }
    }

    /// Step 1 of a capture of `amount` (the whole authorisation when `nil`). One capture per payment: a
    /// partial capture releases the rest. Refused with `already_captured`, `capture_exceeds_authorization`
    /// or `operation_in_progress`.
    public func startCapture(
        _ id: PaymentID, amount: Money? = nil, on db: any SQLDatabase
    ) async throws
        -> PaymentAttempt
    {
        try await start(.capture, of: id, on: db) { payment in
            // Only an amount the caller chose is validated; without one, a payment that is not authorised is
            // refused for its state by the guarded update, not for a zero amount.
            if let amount { try check(amount, against: payment) }
            return (amount ?? payment.authorizedAmount, payment.providerReference, nil, nil)
        }
    }

    /// Step 1 of a void: cancels the authorisation; only before capture.
    public func startVoid(
        _ id: PaymentID, by actor: AuditActor? = nil, on db: any SQLDatabase
    ) async throws
        -> PaymentAttempt
    {
        let attempt = try await start(.void, of: id, on: db) { payment in
            (payment.authorizedAmount, payment.providerReference, nil, nil)
        }
        if let actor {
            try await audit.record(
                "payment.void_requested", by: actor, target: (type: "payment", id: id.rawValue), on: db)
        }
        return attempt
    }

    /// Step 1 of a refund of `amount` for `reason`. `key` is the caller's idempotency key: the same key
    /// returns the same refund's attempt (its amount must match). Partial refunds may follow each other
    /// until the captured amount is used up; the amount is promised by a guarded UPDATE, so concurrent
    /// refunds can never add up to more than the capture (`refund_exceeds_capture`).
    public func startRefund(
        _ id: PaymentID, amount: Money, reason: String, key: String, by actor: AuditActor? = nil,
        on db: any SQLDatabase
    ) async throws -> PaymentAttempt {
        var validator = Validator()
        if !amount.isPositive { validator.add(PaymentError.amountMustBePositive, at: "/amount") }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty || reason.count > 500 { validator.add(PaymentError.reasonRequired, at: "/reason") }
        if key.isEmpty || key.count > 200 { validator.add(PaymentError.keyRequired, at: "/key") }
        try validator.finish()
        return try await Savepoint.atomically("payments_refund", on: db) {
            guard let payment = try await PaymentStore.payment(id, on: db) else { throw PaymentError.paymentNotFound }
            try check(amount, against: payment)
            if let existing = try await PaymentStore.refundAttempt(of: id, key: key, on: db) {
                guard existing.attempt.amount == amount else { throw PaymentError.refundKeyReused }
                return existing.attempt
            }
            guard let authorization = payment.providerReference else {
                throw PaymentError.invalidStateTransition(from: payment.status, transition: "refund")
            }
            let now = self.now
            let attempt = PaymentAttempt(
                id: PaymentAttemptID.generate(ids, at: now), paymentID: id, kind: .refund, provider: payment.provider,
                amount: amount, authorizationReference: authorization, refundID: RefundID.generate(ids, at: now),
                instrument: nil, netDays: nil, startedAt: now)
            guard try await PaymentStore.insertAttempt(attempt, refund: (reason, key), on: db) else {
                // A concurrent refund with the same key got in first; the caller retries and finds it.
                throw PaymentError.operationInProgress
            }
            guard try await PaymentStore.reserveRefund(amount.amount, of: id, now: now, on: db) else {
                let current = try await PaymentStore.payment(id, on: db) ?? payment
                // `unknown`: another refund's outcome is being looked up; once it is known this may go ahead.
                if current.status == .unknown { throw PaymentError.operationInProgress }
                guard current.status.allows(.refund) else {
                    throw PaymentError.invalidStateTransition(from: current.status, transition: "refund")
                }
                throw PaymentError.refundExceedsCapture(refundable: current.refundableAmount)
            }
            if let actor {
                try await audit.record(
                    "payment.refund_requested", by: actor, target: (type: "payment", id: id.rawValue),
                    detail: ["refund_id": attempt.refundID?.rawValue ?? "", "amount": "\(amount)", "reason": reason],
                    on: db)
            }
            try await scheduleAbandonmentCheck(attempt, on: db)
            return attempt
        }
    }

    /// Authorisation, capture and void: one call in flight per payment, claimed by a guarded UPDATE.
    private func start(
        _ kind: PaymentOperationKind, of id: PaymentID, on db: any SQLDatabase,
        _ terms: (Payment) throws -> (Money, String?, PaymentInstrument?, Int?)
    ) async throws -> PaymentAttempt {
        try await Savepoint.atomically("payments_start", on: db) {
            guard let payment = try await PaymentStore.payment(id, on: db) else { throw PaymentError.paymentNotFound }
            let now = self.now
            let (amount, authorization, instrument, netDays) = try terms(payment)
            let attempt = PaymentAttempt(
                id: PaymentAttemptID.generate(ids, at: now), paymentID: id, kind: kind, provider: payment.provider,
                amount: amount, authorizationReference: authorization, refundID: nil, instrument: instrument,
                netDays: netDays, startedAt: now)
            guard
                try await PaymentStore.begin(kind, of: id, attempt: attempt.id, amount: amount.amount, now: now, on: db)
            else {
                throw try await refusal(kind, amount: amount, of: id, on: db)
            }
            _ = try await PaymentStore.insertAttempt(attempt, on: db)
            try await scheduleAbandonmentCheck(attempt, on: db)
            return attempt
        }
    }

    /// Why a guarded start found no row, read after the fact (reading first would be check-then-act).
    private func refusal(
        _ kind: PaymentOperationKind, amount: Money, of id: PaymentID, on db: any SQLDatabase
    ) async throws -> PaymentError {
        guard let (payment, flight) = try await PaymentStore.paymentAndFlight(id, on: db) else {
            return .paymentNotFound
        }
        let inFlight = flight != nil
        switch (kind, payment.status) {
        case (.capture, .captured), (.capture, .partiallyRefunded), (.capture, .refunded), (.void, .captured),
            (.void, .partiallyRefunded), (.void, .refunded):
            return .alreadyCaptured
        case (.capture, .authorized) where !inFlight && amount.amount > payment.authorizedAmount.amount:
            return .captureExceedsAuthorization(authorized: payment.authorizedAmount)
        case _ where inFlight:
            return .operationInProgress
        default:
            return .invalidStateTransition(from: payment.status, transition: kind.rawValue)
        }
    }

    private func check(_ amount: Money, against payment: Payment) throws {
        var validator = Validator()
        if !amount.isPositive { validator.add(PaymentError.amountMustBePositive, at: "/amount") }
        if amount.currency != payment.amount.currency {
            validator.add(PaymentError.currencyMismatch(expected: payment.amount.currency.code), at: "/amount")
        }
        try validator.finish()
    }

    /// If this process dies between the steps, the attempt stays `pending` and the payment blocked; this
    /// job, due once the attempt counts as abandoned, looks it up. Harmless when the outcome was recorded.
    func scheduleAbandonmentCheck(_ attempt: PaymentAttempt, on db: any SQLDatabase) async throws {
        try await jobs.enqueue(
            kind: Self.reconcileJobKind, payload: ReconcileRequest(paymentID: attempt.paymentID, attemptID: attempt.id),
            runAt: attempt.startedAt.addingTimeInterval(abandonedAfter + 1),
            uniqueKey: "\(Self.reconcileJobKind):\(attempt.id.rawValue):abandoned", on: db)
    }
}

/// The reconcile job's payload.
/// The reconcile job's payload: which payment (and which of its attempts) to ask the provider about.
public struct ReconcileRequest: Codable, Sendable {
    public let paymentID: PaymentID
    public let attemptID: PaymentAttemptID
}
