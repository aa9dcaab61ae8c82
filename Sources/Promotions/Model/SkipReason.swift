public import Foundation
public import TorvCore

/// Why a promotion did not apply to a cart; ``message`` is what the shopper reads, ``code`` what clients
/// switch on.
public enum SkipReason: Sendable, Hashable, Codable {
    case notStarted(from: Date)
    case ended(until: Date)
    case wrongChannel
    /// Only for customers in these groups.
    case customerGroup(Set<String>)
    case company
    case minimumSubtotal(missing: Money)
    case minimumQuantity(missing: Int)
    case notFirstOrder
    case couponRequired
    case noEligibleLines
    /// An amount of the promotion is in another currency than the cart.
    case currencyMismatch(expected: Currency, found: Currency)
    /// An exclusive promotion applied first and keeps every later one out.
    case excludedBy(promotionID: String, label: String)
    /// This exclusive promotion comes after one that already applied.
    case notCombinable(withPromotionID: String, label: String)
    case budgetExhausted
    case usesExhausted
    case customerLimitReached
    /// Earlier promotions, or prices already below a fixed price, left nothing to take off.
    case nothingLeftToDiscount
    /// Below the first spend tier.
    case nextTier(missing: Money, basisPoints: Int)

    /// Stable snake_case identifier; never rename one, clients translate by it.
    public var code: String {
        switch self {
        case .notStarted: "not_started"
        case .ended: "ended"
        case .wrongChannel: "wrong_channel"
        case .customerGroup: "customer_group"
        case .company: "company"
        case .minimumSubtotal: "minimum_subtotal"
        case .minimumQuantity: "minimum_quantity"
        case .notFirstOrder: "not_first_order"
        case .couponRequired: "coupon_required"
        case .noEligibleLines: "no_eligible_lines"
        case .currencyMismatch: "currency_mismatch"
        case .excludedBy: "excluded_by"
        case .notCombinable: "not_combinable"
        case .budgetExhausted: "budget_exhausted"
        case .usesExhausted: "uses_exhausted"
        case .customerLimitReached: "customer_limit_reached"
        case .nothingLeftToDiscount: "nothing_left_to_discount"
        case .nextTier: "next_tier"
        }
    }
}
