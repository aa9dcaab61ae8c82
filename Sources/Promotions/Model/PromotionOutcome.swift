public import TorvCore

/// What the engine decided for one cart: what applied, in order, what did not and why, and which gifts are owed.
public struct PromotionOutcome: Sendable, Hashable, Codable {
    public var currency: Currency
    /// In application order; each one was computed on what the previous ones left.
    public var applied: [AppliedPromotion]
    public var notApplied: [SkippedPromotion]
    public var gifts: [GiftGrant]

    public init(
        currency: Currency, applied: [AppliedPromotion], notApplied: [SkippedPromotion], gifts: [GiftGrant]
    ) {
        self.currency = currency
        self.applied = applied
        self.notApplied = notApplied
        self.gifts = gifts
    }

    /// The sum of every applied promotion's total.
    public var totalDiscount: Money { sum(applied.flatMap(\.discounts)) }

    /// Everything taken off one line by all applied promotions.
    public func discount(forLine lineID: String) -> Money {
        sum(applied.flatMap(\.discounts).filter { $0.target == .line(lineID) })
    }

    /// Everything taken off the shipping by all applied promotions.
    public var shippingDiscount: Money {
        sum(applied.flatMap(\.discounts).filter { $0.target == .shipping })
    }

    // Summed in 128 bits and clamped: only a cart worth more than Int64.max minor units could reach the
    // clamp, and an accessor that traps on such a cart would be worse than one that saturates.
    private func sum(_ discounts: [PromotionDiscount]) -> Money {
        let total = discounts.reduce(Int128(0)) { $0 + Int128($1.amount.amount) }
        return Money(minorUnits: Int64(clamping: total), currency: currency)
    }
}
