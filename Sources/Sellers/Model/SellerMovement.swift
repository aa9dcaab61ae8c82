public import Foundation
public import TorvCore

/// What moved a seller's balance. Each kind has one sign (``PayoutPolicy/isValidSign(_:amount:)``), so a
/// statement can be read without knowing which way each row goes.
public enum SellerMovementKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The seller's share of a sub-order, credited once the order is delivered and the holdback has passed.
    case sale
    /// The platform's commission on a sale.
    case fee
    /// Money returned to a buyer.
    case refund
    /// The commission given back with a refund.
    case feeRefund = "fee_refund"
    /// A buyer's bank reversed the payment.
    case chargeback
    /// Money sent to the seller's bank account.
    case payout
    /// A correction by staff, either way, always with a reference that says why.
    case adjustment
}

/// One row of a seller's append-only account, in the seller's payout currency.
///
/// Signed: sale +, fee −, refund −, fee_refund +, chargeback −, payout −, adjustment ±. Credits become
/// available at ``availableAt`` (after the holdback, so a refund or chargeback soon after a sale can still be
/// covered); debits count immediately, so the platform never pays out money that a refund already took back.
public struct SellerMovement: Sendable, Hashable, Codable {
    public var id: String
    public var kind: SellerMovementKind
    public var amount: Money
    /// For credits, when the holdback ends; for debits, the moment they were recorded.
    public var availableAt: Date
    /// The order, sub-order or payout the movement belongs to.
    public var reference: String

    public init(id: String, kind: SellerMovementKind, amount: Money, availableAt: Date, reference: String) {
        self.id = id
        self.kind = kind
        self.amount = amount
        self.availableAt = availableAt
        self.reference = reference
    }

    /// Whether the movement adds to the balance; only credits wait for ``availableAt``.
    public var isCredit: Bool { amount.isPositive }
}
