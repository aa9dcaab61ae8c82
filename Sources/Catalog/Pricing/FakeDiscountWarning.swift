public import Foundation
public import TorvCore

/// A step up in the applied price: shoppers paid `from` until `at`, then `to`. A sale list closing is a
/// raise too, since shoppers saw the lower price.
public struct PriceRaise: Sendable, Hashable, Codable {
    public let from: Money
    public let to: Money
    public let at: Date

    public init(from: Money, to: Money, at: Date) {
        self.from = from
        self.to = to
        self.at = at
    }
}

/// A price raised shortly before a planned reduction, with what the reduction claims and what it is
/// honestly worth, for the staff who plan a campaign, a flash sale or a promotion.
public struct FakeDiscountWarning: Sendable, Hashable, Codable {
    public let raise: PriceRaise
    /// The price in force just before the reduction: the one a "−33 %" badge is usually computed from.
    public let advertisedFrom: Money
    public let reducedPrice: Money
    /// The Omnibus prior price (``HonestPrice/reference(for:reductionStartsAt:isPerishable:progressiveSince:policy:)``),
    /// `nil` without history.
    public let priorPrice: Money?
    /// The lowest price applied in the `raiseLookbackDays` before the reduction.
    public let lowestInLookback: Money
    /// ``HonestPrice/percentOff(from:to:)`` from `advertisedFrom` to `reducedPrice`.
    public let advertisedPercentOff: Int?
    /// ``HonestPrice/percentOff(from:to:)`` from `priorPrice` to `reducedPrice`: what the reduction is
    /// worth; zero or below means none.
    public let honestPercentOff: Int?
    /// The reduced price is not below the lowest of the lookback: shoppers paid as little or less weeks
    /// ago, so the discount is fake, not only overstated.
    public let wouldMisleadShoppers: Bool

    public init(
        raise: PriceRaise, advertisedFrom: Money, reducedPrice: Money, priorPrice: Money?, lowestInLookback: Money,
        advertisedPercentOff: Int?, honestPercentOff: Int?, wouldMisleadShoppers: Bool
    ) {
        self.raise = raise
        self.advertisedFrom = advertisedFrom
        self.reducedPrice = reducedPrice
        self.priorPrice = priorPrice
        self.lowestInLookback = lowestInLookback
        self.advertisedPercentOff = advertisedPercentOff
        self.honestPercentOff = honestPercentOff
        self.wouldMisleadShoppers = wouldMisleadShoppers
    }
}
