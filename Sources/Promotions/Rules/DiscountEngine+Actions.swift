import TorvCore

/// A promotion's computed discount, or why it has none.
enum ProposedDiscount {
    case discount(DiscountProposal)
    case skip(SkipReason)
}

extension DiscountEngine {
    /// Computes an action on what is left of the cart. Definitions that validation would refuse (negative
    /// amounts, out-of-range percentages) are clamped rather than trusted, so no part ever leaves its bounds.
    ///
    /// Rounding happens in exactly one place per amount:
    /// a percentage of a group of lines is rounded once, half to even, on their total and then spread by
    /// largest remainder; a percentage of some units of one line is rounded once for that line.
    static func propose(
        _ action: PromotionAction, scope: LineScope, for promotionID: String, balance: CartBalance
    )
        -> ProposedDiscount
    {
        let indices = balance.indices(in: scope)
        var proposal = DiscountProposal(lineCount: balance.cart.lines.count)
        switch action {
        case .percentOff(let basisPoints):
            spread(percent: basisPoints, over: indices, balance: balance, into: &proposal)
        case .amountOffOrder(let amount):
            let total = min(Int128(amount.amount), balance.remaining(of: indices))
            spread(Int64(clamping: total), over: indices, balance: balance, into: &proposal)
        case .amountOffEachItem(let amount):
            for index in indices {
                let wanted = Int128(amount.amount) * Int128(balance.cart.lines[index].quantity)
                proposal.lines[index] = Int64(clamping: max(0, min(wanted, Int128(balance.lines[index]))))
            }
        case .fixedPrice(let price):
            // Measured against what is left, so a line an earlier promotion already brought below the fixed
            // price is not discounted again.
            for index in indices {
                let target = Int128(price.amount) * Int128(balance.cart.lines[index].quantity)
                let left = Int128(balance.lines[index])
                proposal.lines[index] = Int64(clamping: min(left, max(0, left - target)))
            }
        case .buyXGetY(let buy, let get, let basisPointsOff, let maxApplications):
            return buyXGetY(
                buy: buy, get: get, basisPointsOff: basisPointsOff, maxApplications: maxApplications,
                indices: indices, balance: balance)
        case .spendTiers(let tiers):
            return spendTiers(tiers, indices: indices, balance: balance)
        case .freeShipping:
            proposal.shipping = balance.shipping
        case .freeGift(let variantID, let quantity):
            return freeGift(variantID: variantID, quantity: quantity, for: promotionID, balance: balance)
        }
        return .discount(proposal)
    }

    /// `basisPoints` of what is left of the lines, rounded once on their total.
    static func spread(
        percent basisPoints: Int, over indices: [Int], balance: CartBalance, into proposal: inout DiscountProposal
    ) {
        let base = balance.remaining(of: indices)
        let rate = Int128(min(max(basisPoints, 0), 10_000))
        let total = Proportion.halfEven(base, times: rate, over: 10_000)
        spread(Int64(clamping: total), over: indices, balance: balance, into: &proposal)
    }

    /// Spreads `total` (at most what is left of the lines) in proportion to what is left of each, so the
    /// parts add up exactly and none exceeds its line.
    static func spread(_ total: Int64, over indices: [Int], balance: CartBalance, into proposal: inout DiscountProposal)
    {
        let ratios = indices.map { balance.lines[$0] }
        let parts = Proportion.allocate(total, over: ratios, in: balance.cart.currency)
        for (index, part) in zip(indices, parts) {
            proposal.lines[index] = part
        }
    }

    /// The highest reached tier applies to what is left; the next tier is reported so the storefront can
    /// upsell. Thresholds are measured before discounts, like minimum subtotals, so earlier promotions never
    /// push a shopper down a tier.
    static func spendTiers(_ tiers: [SpendTier], indices: [Int], balance: CartBalance) -> ProposedDiscount {
        let ordered = tiers.sorted { $0.threshold.amount < $1.threshold.amount }
        let spent = balance.valueBeforeDiscounts(of: indices)
        let reached = ordered.lastIndex { Int128($0.threshold.amount) <= spent }
        let nextIndex = reached.map { $0 + 1 } ?? 0
        let next = ordered.indices.contains(nextIndex) ? ordered[nextIndex] : nil
        let progress = next.map { tier in
            TierProgress(
                missing: Money(
                    minorUnits: Int64(clamping: Int128(tier.threshold.amount) - spent),
                    currency: tier.threshold.currency),
                basisPoints: tier.basisPointsOff)
        }
        guard let reached else {
            guard let progress else { return .skip(.noEligibleLines) }
            return .skip(.nextTier(missing: progress.missing, basisPoints: progress.basisPoints))
        }
        var proposal = DiscountProposal(lineCount: balance.cart.lines.count)
        spread(percent: ordered[reached].basisPointsOff, over: indices, balance: balance, into: &proposal)
        proposal.nextTier = progress
        return .discount(proposal)
    }

    /// Units of the gift variant already in the cart become free, up to the gift's quantity, lowest line ID
    /// first; the rest is reported for the flow to add.
    static func freeGift(
        variantID: String, quantity: Int, for promotionID: String, balance: CartBalance
    )
        -> ProposedDiscount
    {
        var proposal = DiscountProposal(lineCount: balance.cart.lines.count)
        let giftLines = balance.indices(in: LineScope(variantIDs: [variantID])).sorted {
            balance.cart.lines[$0].lineID < balance.cart.lines[$1].lineID
        }
        var left = max(0, quantity)
        var inCart = 0
        for index in giftLines where left > 0 {
            let units = balance.cart.lines[index].quantity
            let free = min(units, left)
            proposal.lines[index] = Int64(
                Proportion.halfEven(Int128(balance.lines[index]), times: Int128(free), over: Int128(units)))
            left -= free
            inCart += free
        }
        proposal.gift = GiftGrant(
            promotionID: promotionID, variantID: variantID, quantity: max(0, quantity), quantityInCart: inCart)
        return .discount(proposal)
    }
}
