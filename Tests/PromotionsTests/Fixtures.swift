import Foundation
import Promotions
import TorvCore

/// Amounts in minor units of EUR, so tables read as cents.
func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

let friday = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-27 00:00 UTC

extension PromotionLine {
    static func fixture(
        _ lineID: String, price: Int64, quantity: Int = 1, product: String? = nil, variant: String? = nil,
        categories: Set<String> = []
    ) -> PromotionLine {
        PromotionLine(
            lineID: lineID, productID: product ?? "prod_\(lineID)", variantID: variant ?? "var_\(lineID)",
            categoryIDs: categories, unitPrice: eur(price), quantity: quantity)
    }
}

extension PromotionCart {
    static func fixture(
        _ lines: [PromotionLine], shipping: Int64? = nil, channel: String = "web", customerID: String? = "cus_1",
        groups: Set<String> = [], company: String? = nil, firstOrder: Bool = false, at: Date = friday,
        coupons: Set<String> = [], usage: [String: PromotionUsage] = [:]
    ) -> PromotionCart {
        PromotionCart(
            currency: .eur, channel: channel, customerID: customerID, customerGroups: groups, companyID: company,
            isFirstOrder: firstOrder, at: at, couponPromotionIDs: coupons, lines: lines, shipping: shipping.map(eur),
            usage: usage)
    }
}

extension Promotion {
    static func fixture(
        _ id: String, _ action: PromotionAction, label: String? = nil, priority: Int = 0,
        stacking: PromotionStacking = .combinable, conditions: [PromotionCondition] = [],
        scope: LineScope = .everything,
        budget: PromotionBudget = .unlimited
    ) -> Promotion {
        Promotion(
            id: id, name: label ?? id, label: label ?? id, priority: priority, stacking: stacking,
            conditions: conditions,
            scope: scope, action: action, budget: budget)
    }
}

extension PromotionOutcome {
    /// Discount per line ID in minor units, for compact expectations.
    func lineDiscounts(_ cart: PromotionCart) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: cart.lines.map { ($0.lineID, discount(forLine: $0.lineID).amount) })
    }

    func reason(of promotionID: String) -> SkipReason? {
        notApplied.first { $0.promotionID == promotionID }?.reason
    }
}
