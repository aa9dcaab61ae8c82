public import TorvCore

/// A promotion that took something off the cart (or granted a gift), with exactly where every minor unit went.
public struct AppliedPromotion: Sendable, Hashable, Codable {
    public var promotionID: String
    public var label: String
    /// Only positive parts; their amounts add up to exactly ``total``.
    public var discounts: [PromotionDiscount]
    public var total: Money
    /// For spend tiers: how much more would reach the next tier, so the storefront can say so.
    public var nextTier: TierProgress?

    public init(
        promotionID: String, label: String, discounts: [PromotionDiscount], total: Money, nextTier: TierProgress? = nil
    ) {
        self.promotionID = promotionID
        self.label = label
        self.discounts = discounts
        self.total = total
        self.nextTier = nextTier
    }
}

/// The distance to a better spend tier.
public struct TierProgress: Sendable, Hashable, Codable {
    public var missing: Money
    public var basisPoints: Int

    public init(missing: Money, basisPoints: Int) {
        self.missing = missing
        self.basisPoints = basisPoints
    }

    /// "Spend €12.00 more on eligible items to get 10 % off".
    public var message: String { SkipReason.nextTier(missing: missing, basisPoints: basisPoints).message }
}
