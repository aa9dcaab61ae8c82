public import TorvCore

/// How much of a promotion's budget is spent, as the store last recorded it.
public struct PromotionUsage: Sendable, Hashable, Codable {
    public var discountGiven: Money
    public var uses: Int
    public var usesByThisCustomer: Int

    public init(discountGiven: Money, uses: Int = 0, usesByThisCustomer: Int = 0) {
        self.discountGiven = discountGiven
        self.uses = uses
        self.usesByThisCustomer = usesByThisCustomer
    }
}
