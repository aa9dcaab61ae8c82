import TorvCore

/// Decides which promotions apply to a cart and exactly how much each takes off which line.
///
/// Pure: the same promotions and cart always give the same outcome, whatever order the promotions come in,
/// with no database, clock or randomness involved, so a quote shown to the shopper can be recomputed at
/// checkout and must agree.
public enum DiscountEngine {
    public static func apply(_ promotions: [Promotion], to cart: PromotionCart) -> PromotionOutcome {
        var balance = CartBalance(cart: cart)
        var applied: [AppliedPromotion] = []
        var skipped: [SkippedPromotion] = []
        var gifts: [GiftGrant] = []
        var exclusiveWinner: Promotion?

        for promotion in promotions.sorted(by: appliesBefore) {
            func skip(_ reason: SkipReason) {
                skipped.append(SkippedPromotion(promotionID: promotion.id, label: promotion.label, reason: reason))
            }
            if let winner = exclusiveWinner {
                skip(.excludedBy(promotionID: winner.id, label: winner.label))
                continue
            }
            if let reason = refusal(of: promotion, for: cart, balance: balance) {
                skip(reason)
                continue
            }
            // Eligibility comes first so an exclusive promotion that could not apply anyway says why, rather
            // than blaming the promotions before it.
            if promotion.stacking == .exclusive, let first = applied.first {
                skip(.notCombinable(withPromotionID: first.promotionID, label: first.label))
                continue
            }
            var proposal: DiscountProposal
            switch propose(promotion.action, scope: promotion.scope, for: promotion.id, balance: balance) {
            case .skip(let reason):
                skip(reason)
                continue
            case .discount(let computed):
                proposal = computed
            }
            proposal.cap(at: budgetLeft(of: promotion, in: cart) ?? .max, in: cart.currency)
            guard proposal.total > 0 || proposal.gift != nil else {
                skip(.nothingLeftToDiscount)
                continue
            }
            balance.take(proposal)
            applied.append(record(proposal, of: promotion, in: cart))
            if let gift = proposal.gift { gifts.append(gift) }
            if promotion.stacking == .exclusive { exclusiveWinner = promotion }
        }
        return PromotionOutcome(currency: cart.currency, applied: applied, notApplied: skipped, gifts: gifts)
    }

    /// Priority descending, then ID ascending: a total order as long as IDs are unique, so the input order
    /// of the promotions never shows in the outcome.
    static func appliesBefore(_ lhs: Promotion, _ rhs: Promotion) -> Bool {
        lhs.priority != rhs.priority ? lhs.priority > rhs.priority : lhs.id < rhs.id
    }

    private static func record(
        _ proposal: DiscountProposal, of promotion: Promotion, in cart: PromotionCart
    )
        -> AppliedPromotion
    {
        var discounts: [PromotionDiscount] = []
        for (index, amount) in proposal.lines.enumerated() where amount > 0 {
            discounts.append(
                PromotionDiscount(
                    target: .line(cart.lines[index].lineID), amount: Money(minorUnits: amount, currency: cart.currency)
                ))
        }
        if proposal.shipping > 0 {
            discounts.append(
                PromotionDiscount(
                    target: .shipping, amount: Money(minorUnits: proposal.shipping, currency: cart.currency)))
        }
        // Every part is within what was left of a cart whose lines fit in Int64, and the cap keeps the total
        // at most Int64.max; clamping only restates that.
        let total = Money(minorUnits: Int64(clamping: proposal.total), currency: cart.currency)
        return AppliedPromotion(
            promotionID: promotion.id, label: promotion.label, discounts: discounts, total: total,
            nextTier: proposal.nextTier)
    }
}
