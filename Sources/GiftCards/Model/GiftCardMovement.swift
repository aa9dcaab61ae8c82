public import Foundation
public import TorvCore

/// One change of a card's balance. Append-only: the balance always equals the sum of its movements
/// (``GiftCards/violations(on:)`` checks it).
public struct GiftCardMovement: Sendable, Hashable, Codable, Identifiable {
    public var id: GiftCardMovementID
    public var cardID: GiftCardID
    public var kind: GiftCardMovementKind
    /// Signed: positive adds to the balance.
    public var amount: Money
    /// What caused it: an order ID for redemptions, releases and refunds.
    public var reference: String?
    public var occurredAt: Date
}

public enum GiftCardMovementKind: String, Sendable, Hashable, Codable, CaseIterable {
    case issued
    /// Spent on an order.
    case redeemed
    /// A redemption given back because its order never got paid (declined card, cancelled in time).
    case released
    /// Money refunded onto the card after its order was paid (a cancellation, a return).
    case refunded
}

/// What one card paid towards one order.
public struct GiftCardRedemption: Sendable, Hashable, Codable {
    public var cardID: GiftCardID
    public var lastFour: String
    public var kind: GiftCardKind
    public var amount: Money

    public init(cardID: GiftCardID, lastFour: String, kind: GiftCardKind, amount: Money) {
        self.cardID = cardID
        self.lastFour = lastFour
        self.kind = kind
        self.amount = amount
    }
}

/// A card's redemptions for one order, net of what was released or refunded.
public struct GiftCardTender: Sendable, Hashable, Codable {
    public var cardID: GiftCardID
    public var lastFour: String
    public var kind: GiftCardKind
    public var redeemed: Money
    public var released: Money
    public var refunded: Money

    /// What the card still pays for the order.
    public var outstanding: Money {
        Money(minorUnits: redeemed.amount - released.amount - refunded.amount, currency: redeemed.currency)
    }
}
