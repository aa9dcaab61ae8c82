import TorvCore

/// Applies adjustments one by one, each capped at what is left of its target, and remembers where every
/// minor unit went. Amounts are minor units of the draft's currency throughout.
struct AdjustmentLedger {
    let draft: PricingDraft
    /// What is left of each line after the adjustments so far; never negative.
    private(set) var remaining: [Int64]
    private(set) var shippingRemaining: Int64
    private(set) var lineAdjustments: [[AppliedAdjustment]]
    private(set) var shippingAdjustments: [AppliedAdjustment] = []
    private(set) var outcomes: [AdjustmentOutcome] = []

    init(draft: PricingDraft) {
        self.draft = draft
        remaining = draft.lines.map(\.subtotal.amount)
        shippingRemaining = draft.shipping?.price.amount ?? 0
        lineAdjustments = Array(repeating: [], count: draft.lines.count)
    }

    mutating func apply(_ adjustment: PriceAdjustment) throws(CheckoutError) {
        let currency = draft.currency
        guard adjustment.amount.currency == currency else {
            throw .currencyMismatch(expected: currency, found: adjustment.amount.currency)
        }
        guard !adjustment.amount.isNegative else {
            throw .invalidAdjustment(source: adjustment.sourceID, reason: "the amount must not be negative")
        }
        let requested = adjustment.amount.amount
        var applied: Int64 = 0
        switch adjustment.target {
        case .line(let lineID):
            guard let index = draft.lines.firstIndex(where: { $0.lineID == lineID }) else {
                throw .invalidAdjustment(source: adjustment.sourceID, reason: "the cart has no line \(lineID)")
            }
            applied = draft.lines[index].sellerID == nil ? min(requested, remaining[index]) : 0
            take(applied, fromLine: index, for: adjustment)
        case .shipping:
            applied = min(requested, shippingRemaining)
            if applied > 0 {
                shippingRemaining -= applied
                shippingAdjustments.append(record(applied, for: adjustment))
            }
        case .order:
            // Overflow-safe: every remaining amount is at most its line subtotal, whose sum was checked.
            let discountable = remaining.indices.map { draft.lines[$0].sellerID == nil ? remaining[$0] : 0 }
            let left = discountable.reduce(0, +)
            applied = min(requested, left)
            if applied > 0 {
                // Shares in proportion to what is left of each line: a share of A·r/R rounded by largest
                // remainder never exceeds r when A ≤ R, so no line goes below zero.
                let shares = try checked { () throws(MoneyError) in
                    try Money(minorUnits: applied, currency: currency).allocated(discountable)
                }
                for (index, share) in shares.enumerated() {
                    take(share.amount, fromLine: index, for: adjustment)
                }
            }
        }
        outcomes.append(
            AdjustmentOutcome(
                sourceID: adjustment.sourceID, label: adjustment.label, target: adjustment.target,
                requested: adjustment.amount, applied: Money(minorUnits: applied, currency: currency)))
    }

    private mutating func take(_ amount: Int64, fromLine index: Int, for adjustment: PriceAdjustment) {
        guard amount > 0 else { return }
        remaining[index] -= amount
        lineAdjustments[index].append(record(amount, for: adjustment))
    }

    private func record(_ amount: Int64, for adjustment: PriceAdjustment) -> AppliedAdjustment {
        AppliedAdjustment(
            sourceID: adjustment.sourceID, label: adjustment.label,
            amount: Money(minorUnits: amount, currency: draft.currency))
    }
}
