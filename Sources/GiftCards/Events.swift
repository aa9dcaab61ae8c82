public import Foundation
public import TorvCore

/// A card was issued (`gift_card.issued`): the shop now owes its value. Booked by its reason — sold
/// for money in the bank, or given away as a promotional cost.
public struct GiftCardIssued: DomainEvent, Hashable {
    public static let eventType = "gift_card.issued"
    public let cardID: GiftCardID
    public let kind: GiftCardKind
    public let reason: GiftCardIssueReason
    public let value: Money
    public let customerID: String?
}

/// Cards paid towards an order (`gift_card.redeemed`).
public struct GiftCardsRedeemed: DomainEvent, Hashable {
    public static let eventType = "gift_card.redeemed"
    public let reference: String
    public let redemptions: [GiftCardRedemption]
}

/// Redemptions given back because their order never got paid (`gift_card.released`): nothing was
/// sold, so nothing is booked.
public struct GiftCardsReleased: DomainEvent, Hashable {
    public static let eventType = "gift_card.released"
    public let reference: String
    public let redemptions: [GiftCardRedemption]
}

/// Money refunded onto a card for a paid order (`gift_card.refunded`): the sale shrinks and the shop owes
/// the card again.
public struct GiftCardRefunded: DomainEvent, Hashable {
    public static let eventType = "gift_card.refunded"
    public let movementID: GiftCardMovementID
    public let cardID: GiftCardID
    public let reference: String
    public let amount: Money
    /// What earlier refunds put back on the reference's cards, so the books split VAT on the running total.
    public let refundedBefore: Money
}
