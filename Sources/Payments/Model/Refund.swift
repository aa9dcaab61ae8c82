public import Foundation
public import TorvCore

/// A refund of part or all of a payment's captured money.
public struct Refund: Sendable, Hashable, Codable {
    public let id: RefundID
    public let paymentID: PaymentID
    public let amount: Money
    public let reason: String
    /// The caller's idempotency key: the same key for the same payment is the same refund.
    public let key: String
    public let status: PaymentAttemptStatus
    public let providerReference: String?
    public let createdAt: Date
}
