import TorvCore

/// Picks the unit price a buyer pays. Pure: the store loads the candidates, this decides.
///
/// Rules, in order:
/// 1. A list counts when it is of the buyer's channel and currency, open at that moment, and public
///    or restricted to the buyer's customer group.
/// 2. Within a list, the tier with the largest `fromQuantity` not above the quantity applies; a list
///    with no such tier does not price this quantity.
/// 3. Among the lists that price it, the highest priority wins. On equal priority a customer-group
///    list beats a public one (it was made for this buyer), then the lower price wins (never charge
///    more than an equally ranked offer), then the older list ID, so the answer is deterministic.
public enum PriceResolver {
    public static func resolve(_ candidates: [PriceCandidate], for context: PricingContext) -> ResolvedPrice? {
        var best: (candidate: PriceCandidate, tier: PriceTier)?
        for candidate in candidates where candidate.list.applies(to: context) {
            guard let tier = tier(of: candidate.tiers, for: context.quantity, currency: candidate.list) else {
                continue
            }
            if let current = best, !ranksAbove((candidate, tier), current) { continue }
            best = (candidate, tier)
        }
        guard let best else { return nil }
        return ResolvedPrice(
            unitPrice: best.tier.unitPrice, priceListID: best.candidate.list.id,
            priceListName: best.candidate.list.name, fromQuantity: best.tier.fromQuantity)
    }

    /// The applicable tier for `quantity`. Tiers in another currency than the list's are ignored
    /// (the store refuses to write them; this keeps the rule total).
    static func tier(of tiers: [PriceTier], for quantity: Int, currency list: PriceList) -> PriceTier? {
        tiers.filter { $0.fromQuantity <= quantity && $0.fromQuantity >= 1 && $0.unitPrice.currency == list.currency }
            .max { $0.fromQuantity < $1.fromQuantity }
    }

    private static func ranksAbove(
        _ lhs: (candidate: PriceCandidate, tier: PriceTier), _ rhs: (candidate: PriceCandidate, tier: PriceTier)
    ) -> Bool {
        let (left, right) = (lhs.candidate.list, rhs.candidate.list)
        if left.priority != right.priority { return left.priority > right.priority }
        let (leftGroup, rightGroup) = (left.customerGroup != nil, right.customerGroup != nil)
        if leftGroup != rightGroup { return leftGroup }
        if lhs.tier.unitPrice.amount != rhs.tier.unitPrice.amount {
            return lhs.tier.unitPrice.amount < rhs.tier.unitPrice.amount
        }
        return left.id < right.id
    }
}
