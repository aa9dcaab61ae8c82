public import TorvCore

extension GroupDeal {
    /// The unit price with `participants` in: the last tier that starts at or below that count. Counts below
    /// the first tier pay the first tier's price, which is what shoppers authorise until the deal tips.
    public func unitPrice(forParticipants participants: Int) -> Money {
        Self.unitPrice(forParticipants: participants, tiers: tiers, regularPrice: regularPrice)
    }

    /// The price every participant pays if the deal succeeds: the tier reached by everyone who is in.
    /// Meaningful once the deal is due, when that count can no longer change.
    public func finalUnitPrice(participants: [GroupDealParticipant]) -> Money {
        unitPrice(forParticipants: participants.countIn)
    }

    /// A deal without tiers is invalid; the regular price is the safe answer for one that slipped through.
    static func unitPrice(forParticipants participants: Int, tiers: [GroupDealTier], regularPrice: Money) -> Money {
        guard let first = tiers.first else { return regularPrice }
        return tiers.last { $0.fromParticipants <= participants }?.unitPrice ?? first.unitPrice
    }
}
