public import Checkout
import Foundation
public import Promotions
import SQLKit
public import TorvCore

/// The promotions hook of checkout's pricing: the shop's active promotions, run by the pure
/// ``DiscountEngine`` over the draft cart, turned into adjustments the pipeline caps and spreads.
///
/// Everything the engine needs besides the draft (who is buying, which categories each line's product
/// sits in, which coupons the cart carries, how much of each budget is spent) is read once before
/// pricing, so pricing itself stays pure.
public struct PromotionAdjuster: PriceAdjuster {
    public struct LineFacts: Sendable, Hashable {
        public var productID: String
        public var categoryIDs: Set<String>
    }

    public var promotions: [Promotion]
    /// The cart without its lines and shipping, which come from each draft.
    public var context: PromotionCart
    /// Per variant ID.
    public var lineFacts: [String: LineFacts]
    /// Promotion ID → the cart's coupon code that unlocked it.
    public var couponCodes: [String: String]
    /// Cart codes that no longer unlock anything, with why.
    public var couponProblems: [FieldError]
    /// Units a flash sale prices are not discounted again by promotions.
    public var flashSales: FlashSaleAdjuster?

    public func adjustments(for draft: PricingDraft) -> [PriceAdjustment] {
        outcome(for: draft).applied.flatMap { applied in
            applied.discounts.map { discount in
                let target: AdjustmentTarget =
                    switch discount.target {
                    case .line(let lineID): CartLineID(lineID).map { .line($0) } ?? .order
                    case .shipping: .shipping
                    }
                return PriceAdjustment(
                    sourceID: applied.promotionID, label: applied.label, target: target, amount: discount.amount)
            }
        }
    }

    /// What the engine makes of `draft`: what applied, what did not and why.
    public func outcome(for draft: PricingDraft) -> PromotionOutcome {
        var cart = context
        let excluded = flashSales?.units(for: draft) ?? [:]
        cart.lines = draft.lines.compactMap { line in
            let facts = lineFacts[line.variantID]
            let quantity = line.quantity - (excluded[line.lineID] ?? 0)
            guard quantity > 0 else { return nil }
            return PromotionLine(
                lineID: line.lineID.rawValue, productID: facts?.productID ?? "", variantID: line.variantID,
                categoryIDs: facts?.categoryIDs ?? [], unitPrice: line.unitPrice, quantity: quantity)
        }
        cart.shipping = draft.shipping?.price
        return DiscountEngine.apply(promotions, to: cart)
    }

    /// What checkout records of an outcome: each applied promotion's total, with the coupon that unlocked it.
    public func grants(of outcome: PromotionOutcome) -> [PromotionGrant] {
        outcome.applied.map {
            PromotionGrant(promotionID: $0.promotionID, amount: $0.total, couponCode: couponCodes[$0.promotionID])
        }
    }
}
