public import TorvCore

/// What a promotion takes off. Percentages are basis points: 10000 is 100 %, 1250 is 12.5 %.
public enum PromotionAction: Sendable, Hashable, Codable {
    /// A percentage off the in-scope lines.
    case percentOff(basisPoints: Int)
    /// A fixed amount off the in-scope lines together, spread in proportion to what is left of each.
    case amountOffOrder(Money)
    /// A fixed amount off every in-scope unit.
    case amountOffEachItem(Money)
    /// In-scope units cost this much each; units that are already cheaper are left alone.
    case fixedPrice(Money)
    /// For every `buy + get` in-scope units, the `get` cheapest ones are `basisPointsOff` cheaper (10000 = free),
    /// at most `maxApplications` times per cart when set.
    case buyXGetY(buy: Int, get: Int, basisPointsOff: Int, maxApplications: Int?)
    /// The highest tier whose threshold the in-scope subtotal reaches sets the percentage off.
    case spendTiers([SpendTier])
    /// The shipping costs nothing.
    case freeShipping
    /// A gift line: the flow adds it, or the engine makes units already in the cart free.
    case freeGift(variantID: String, quantity: Int)
}

/// One step of a spend-more-save-more promotion.
public struct SpendTier: Sendable, Hashable, Codable {
    /// The in-scope subtotal, before discounts, from which this tier applies.
    public var threshold: Money
    public var basisPointsOff: Int

    public init(threshold: Money, basisPointsOff: Int) {
        self.threshold = threshold
        self.basisPointsOff = basisPointsOff
    }
}
