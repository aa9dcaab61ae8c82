import Foundation
import TorvCore

extension DiscountEngine {
    /// The first reason the promotion cannot apply to this cart, or `nil` when it may.
    ///
    /// Checked from the hardest gate to the most actionable one: a shopper outside the window or the
    /// channel can do nothing about it, while "spend €5 more" is worth showing only when everything else holds.
    static func refusal(of promotion: Promotion, for cart: PromotionCart, balance: CartBalance) -> SkipReason? {
        if let found = foreignCurrency(of: promotion, cart: cart) {
            return .currencyMismatch(expected: cart.currency, found: found)
        }
        let conditions = promotion.conditions.sorted { rank($0) < rank($1) }
        let indices = balance.indices(in: promotion.scope)
        for condition in conditions where rank(condition) < scopeRank {
            if let reason = refusal(by: condition, cart: cart, promotionID: promotion.id) { return reason }
        }
        guard !indices.isEmpty else { return .noEligibleLines }
        for condition in conditions where rank(condition) > scopeRank {
            if let reason = threshold(condition, balance: balance, indices: indices) { return reason }
        }
        return limitReached(of: promotion, in: cart)
    }

    /// What is left of `maxDiscount`, or `nil` for no money limit. A recorded usage in another currency than
    /// the budget counts as spent: guessing a rate could overspend.
    static func budgetLeft(of promotion: Promotion, in cart: PromotionCart) -> Int64? {
        guard let maximum = promotion.budget.maxDiscount else { return nil }
        guard let given = cart.usage[promotion.id]?.discountGiven else { return max(0, maximum.amount) }
        guard given.currency == maximum.currency else { return 0 }
        return Int64(clamping: max(0, Int128(maximum.amount) - Int128(given.amount)))
    }

    private static let scopeRank = 6

    private static func rank(_ condition: PromotionCondition) -> Int {
        switch condition {
        case .window: 0
        case .channels: 1
        case .customerGroups: 2
        case .companies: 3
        case .firstOrder: 4
        case .coupon: 5
        case .minimumSubtotal: 7
        case .minimumQuantity: 8
        }
    }

    private static func refusal(
        by condition: PromotionCondition, cart: PromotionCart, promotionID: String
    )
        -> SkipReason?
    {
        switch condition {
        case .window(let from, let until):
            if let from, cart.at < from { return .notStarted(from: from) }
            if let until, cart.at >= until { return .ended(until: until) }
        case .channels(let channels):
            if !channels.contains(cart.channel) { return .wrongChannel }
        case .customerGroups(let groups):
            if groups.isDisjoint(with: cart.customerGroups) { return .customerGroup(groups) }
        case .companies(let companies):
            if !(cart.companyID.map(companies.contains) ?? false) { return .company }
        case .firstOrder:
            if !cart.isFirstOrder { return .notFirstOrder }
        case .coupon:
            if !cart.couponPromotionIDs.contains(promotionID) { return .couponRequired }
        case .minimumSubtotal, .minimumQuantity:
            break
        }
        return nil
    }

    private static func threshold(
        _ condition: PromotionCondition, balance: CartBalance, indices: [Int]
    )
        -> SkipReason?
    {
        switch condition {
        case .minimumSubtotal(let minimum):
            let value = balance.valueBeforeDiscounts(of: indices)
            if value < Int128(minimum.amount) {
                let missing = Int64(clamping: Int128(minimum.amount) - value)
                return .minimumSubtotal(missing: Money(minorUnits: missing, currency: minimum.currency))
            }
        case .minimumQuantity(let minimum):
            let units = indices.reduce(Int128(0)) { $0 + Int128(balance.cart.lines[$1].quantity) }
            if units < Int128(minimum) { return .minimumQuantity(missing: Int(clamping: Int128(minimum) - units)) }
        default:
            break
        }
        return nil
    }

    /// Uses are counted by the store per order; a guest cart has no history, so only the total limit can
    /// refuse it here and the per-customer limit is enforced again when the order is placed.
    private static func limitReached(of promotion: Promotion, in cart: PromotionCart) -> SkipReason? {
        let usage = cart.usage[promotion.id]
        if let maxUses = promotion.budget.maxUses, (usage?.uses ?? 0) >= maxUses { return .usesExhausted }
        if let perCustomer = promotion.budget.maxUsesPerCustomer, (usage?.usesByThisCustomer ?? 0) >= perCustomer {
            return .customerLimitReached
        }
        if let left = budgetLeft(of: promotion, in: cart), left <= 0 { return .budgetExhausted }
        return nil
    }

    /// The first amount of the promotion that is not in the cart's currency: such a promotion was written
    /// for another market and converting its amounts would be a business decision, not the engine's.
    private static func foreignCurrency(of promotion: Promotion, cart: PromotionCart) -> Currency? {
        promotion.amounts.first { $0.currency != cart.currency }?.currency
    }
}
