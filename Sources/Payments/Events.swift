public import Foundation
public import TorvCore

/// The amounts every payment event carries, so a subscriber (orders, the ledger) needs no lookup.
public struct PaymentAmounts: Codable, Sendable, Hashable {
    public let amount: Money
    public let authorized: Money
    public let captured: Money
    public let refunded: Money

    init(_ payment: Payment) {
        amount = payment.amount
        authorized = payment.authorizedAmount
        captured = payment.capturedAmount
        refunded = payment.refundedAmount
    }
}

/// Funds are held, or an invoice approved (`payment.authorized`): the order may proceed.
public struct PaymentAuthorized: DomainEvent, Hashable {
    public static let eventType = "payment.authorized"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let providerReference: String?
    /// Invoices: when payment is due.
    public let dueAt: Date?
}

/// The customer must pass a challenge (`payment.requires_action`).
public struct PaymentRequiresAction: DomainEvent, Hashable {
    public static let eventType = "payment.requires_action"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let challengeURL: String
}

/// Money was taken or the invoice issued (`payment.captured`); the ledger books the receipt.
public struct PaymentCaptured: DomainEvent, Hashable {
    public static let eventType = "payment.captured"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    /// What the provider kept of the capture, when it said.
    public var fee: Money? = nil
}

/// An authorisation was declined (`payment.failed`); the order waits for another attempt or is cancelled.
public struct PaymentFailed: DomainEvent, Hashable {
    public static let eventType = "payment.failed"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let reason: String
}

/// A capture, void or refund was refused by the provider (`payment.operation_failed`). The payment keeps
/// its status (still authorised, still captured): staff decide what next.
public struct PaymentOperationFailed: DomainEvent, Hashable {
    public static let eventType = "payment.operation_failed"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let operation: PaymentOperationKind
    public let reason: String
}

/// The authorisation was cancelled before capture (`payment.voided`).
public struct PaymentVoided: DomainEvent, Hashable {
    public static let eventType = "payment.voided"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
}

/// Money went back to the customer (`payment.refunded`); `amounts.refunded` is the running total.
public struct PaymentRefunded: DomainEvent, Hashable {
    public static let eventType = "payment.refunded"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let refundID: RefundID
    public let refundAmount: Money
    public let reason: String
}

/// A provider call ended without an answer (`payment.outcome_unknown`); a reconcile job will ask.
public struct PaymentOutcomeUnknown: DomainEvent, Hashable {
    public static let eventType = "payment.outcome_unknown"
    public let paymentID: PaymentID
    public let reference: String
    public let amounts: PaymentAmounts
    public let operation: PaymentOperationKind
    public let attemptID: PaymentAttemptID
}
