public import Foundation
public import TorvCore

/// One call to the provider, started inside a transaction and performed outside it.
///
/// `id.rawValue` is the idempotency key the provider sees: repeating the call, or looking it up after a
/// timeout, finds the same charge. The attempt is a value the caller carries from
/// ``Payments/startAuthorization(_:instrument:on:)`` to ``Payments/perform(_:)`` to
/// ``Payments/record(_:of:on:)``; only its row, not the instrument, is stored.
public struct PaymentAttempt: Sendable, Hashable {
    public let id: PaymentAttemptID
    public let paymentID: PaymentID
    public let kind: PaymentOperationKind
    public let provider: String
    public let amount: Money
    /// The authorisation's provider reference, which captures, voids and refunds act on.
    public let authorizationReference: String?
    /// Set on refunds.
    public let refundID: RefundID?
    /// For authorisations only; never stored (a card token belongs to the provider's vault, not ours).
    public let instrument: PaymentInstrument?
    /// For invoice authorisations: the net days that set the due date.
    public let netDays: Int?
    public let startedAt: Date

    /// The key that makes the provider call idempotent.
    public var idempotencyKey: String { id.rawValue }
}

/// What the customer pays with, as handed to the provider.
public enum PaymentInstrument: Sendable, Hashable {
    /// A card token from the provider's client-side vault; the test provider takes a test card number.
    case card(token: String)
    /// No instrument: the invoice goes to the customer's billing address.
    case invoice

    /// The last four characters, safe to store and show.
    public var lastFour: String? {
        switch self {
        case .card(let token): String(token.suffix(4))
        case .invoice: nil
        }
    }
}

/// Where an attempt stands. Only `pending`, `requires_action` and `unknown` accept an outcome: the guarded
/// update that records one is what makes a late or duplicate answer change nothing.
public enum PaymentAttemptStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending
    case requiresAction = "requires_action"
    case succeeded
    case failed
    case unknown

    public var isOpen: Bool { self == .pending || self == .requiresAction || self == .unknown }
}

/// An attempt as stored, for reconciliation and support views.
public struct PaymentAttemptRecord: Sendable, Hashable {
    public let attempt: PaymentAttempt
    public let status: PaymentAttemptStatus
    public let providerReference: String?
    public let failureReason: DeclineReason?
    /// Refunds only: why, and the caller's key.
    public let refundReason: String?
    public let refundKey: String?
    public let updatedAt: Date

    /// The refund this attempt is, for refund attempts.
    public var refund: Refund? {
        guard let id = attempt.refundID, let reason = refundReason, let key = refundKey else { return nil }
        return Refund(
            id: id, paymentID: attempt.paymentID, amount: attempt.amount, reason: reason, key: key, status: status,
            providerReference: providerReference, createdAt: attempt.startedAt)
    }
}
