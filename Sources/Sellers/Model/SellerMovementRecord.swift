public import Foundation
public import TorvCore

/// A movement to record on a seller's account, from the order flows (sales, fees, refunds) or staff
/// (adjustments). Payout movements are written by payout runs alone.
public struct NewSellerMovement: Sendable, Hashable {
    public var sellerID: SellerID
    public var kind: SellerMovementKind
    /// Signed as ``PayoutPolicy/isValidSign(_:amount:)`` says: sale +, fee −, refund −, fee_refund +, …
    public var amount: Money
    /// For a credit, when the holdback ends (see ``Sellers/defaultHoldback``); a debit counts at once whatever
    /// its date.
    public var availableAt: Date
    /// The order, sub-order or refund the movement belongs to, shown on the seller's statement.
    public var reference: String
    /// The business key of the movement (`sale:<sub-order>`): the same key never records twice, so the order
    /// flows may retry freely.
    public var key: String
    public var note: String?

    public init(
        sellerID: SellerID, kind: SellerMovementKind, amount: Money, availableAt: Date, reference: String, key: String,
        note: String? = nil
    ) {
        self.sellerID = sellerID
        self.kind = kind
        self.amount = amount
        self.availableAt = availableAt
        self.reference = reference
        self.key = key
        self.note = note
    }
}

/// A recorded movement, with the seller's total balance in its currency right after it.
public struct SellerMovementRecord: Sendable, Hashable {
    public let id: SellerMovementID
    public let sellerID: SellerID
    public let kind: SellerMovementKind
    public let amount: Money
    public let availableAt: Date
    public let reference: String
    public let key: String
    public let note: String?
    /// The payout this movement sent, for `payout` movements.
    public let payoutID: SellerPayoutID?
    public let createdAt: Date
    /// The seller's total in ``amount``'s currency after this movement (pending credits included).
    public let balanceAfter: Money

    public init(
        id: SellerMovementID, sellerID: SellerID, kind: SellerMovementKind, amount: Money, availableAt: Date,
        reference: String, key: String, note: String?, payoutID: SellerPayoutID?, createdAt: Date, balanceAfter: Money
    ) {
        self.id = id
        self.sellerID = sellerID
        self.kind = kind
        self.amount = amount
        self.availableAt = availableAt
        self.reference = reference
        self.key = key
        self.note = note
        self.payoutID = payoutID
        self.createdAt = createdAt
        self.balanceAfter = balanceAfter
    }
}

/// A seller's account in one currency over a period: the opening total, every movement recorded in the
/// period with the running total, and the closing total, so a balance can be explained line by line.
/// Invariant: `opening + Σ lines.amount == closing`, and each line's `balanceAfter` is the one before plus
/// its amount.
public struct SellerStatement: Sendable, Hashable {
    public let sellerID: SellerID
    public let currency: Currency
    /// From this moment, inclusive.
    public let from: Date
    /// Up to this moment, exclusive.
    public let to: Date
    public let opening: Money
    public let lines: [SellerMovementRecord]
    public let closing: Money
    /// What of the closing total is still held back at `to` (credits recorded before `to` whose holdback
    /// ends after it), and what was available then.
    public let pendingAtClose: Money
    public let availableAtClose: Money

    public init(
        sellerID: SellerID, currency: Currency, from: Date, to: Date, opening: Money, lines: [SellerMovementRecord],
        closing: Money, pendingAtClose: Money, availableAtClose: Money
    ) {
        self.sellerID = sellerID
        self.currency = currency
        self.from = from
        self.to = to
        self.opening = opening
        self.lines = lines
        self.closing = closing
        self.pendingAtClose = pendingAtClose
        self.availableAtClose = availableAtClose
    }
}
