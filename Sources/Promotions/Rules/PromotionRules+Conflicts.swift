public import Foundation
import TorvCore

extension PromotionRules {
    /// Overlaps and contradictions between the promotions (typically the one being saved and the live ones),
    /// worded for the staff member who has to decide. `now` is injected so the check is as testable as the
    /// engine.
    ///
    /// Deliberately explainable rather than exhaustive: scopes overlap only when it is certain (one covers
    /// everything, or both name the same product, variant or category), so a product scope and a category
    /// scope that meet through the catalogue are not reported.
    public static func conflicts(_ promotions: [Promotion], at now: Date) -> [PromotionConflict] {
        let ordered = promotions.sorted(by: DiscountEngine.appliesBefore)
        var conflicts: [PromotionConflict] = []
        for promotion in ordered {
            if let end = promotion.window.until, end <= now {
                conflicts.append(
                    PromotionConflict(
                        kind: .windowPassed, promotionID: promotion.id,
                        message: "\(promotion.name) ended on \(SkipReason.utc(end)); no cart can get it."))
            }
            conflicts += currencyConflicts(of: promotion)
        }
        for (offset, first) in ordered.enumerated() {
            for second in ordered[(offset + 1)...] where first.mayMeet(second) {
                if first.stacking == .exclusive, second.stacking == .exclusive, first.priority == second.priority {
                    conflicts.append(
                        PromotionConflict(
                            kind: .exclusiveTie, promotionID: first.id, otherPromotionID: second.id,
                            message: "\(first.name) and \(second.name) are both exclusive with priority "
                                + "\(first.priority) and can apply to the same cart; only their IDs decide that "
                                + "\(first.name) wins. Give one a higher priority."))
                }
                if first.scope == second.scope, first.needsCoupon == second.needsCoupon,
                    first.action.kind == second.action.kind
                {
                    conflicts.append(
                        PromotionConflict(
                            kind: .duplicate, promotionID: first.id, otherPromotionID: second.id,
                            message: "\(first.name) and \(second.name) both give \(first.action.kind) on the same "
                                + "items " + (first.needsCoupon ? "with" : "without")
                                + " a coupon at the same time; one of them is probably a copy."))
                }
            }
        }
        return conflicts
    }

    /// Amounts of the action, the budget and a minimum subtotal must share one currency, or no cart meets them.
    private static func currencyConflicts(of promotion: Promotion) -> [PromotionConflict] {
        let amounts = promotion.amounts
        guard let first = amounts.first?.currency, amounts.contains(where: { $0.currency != first }) else {
            return []
        }
        let codes = Set(amounts.map(\.currency.code)).sorted().joined(separator: " and ")
        return [
            PromotionConflict(
                kind: .mixedCurrencies, promotionID: promotion.id,
                message:
                    "\(promotion.name) mixes amounts in \(codes); it can never apply, since a cart has one currency.")
        ]
    }
}

extension Promotion {
    /// The intersection of all window conditions; a missing bound is open.
    var window: (from: Date?, until: Date?) {
        var from: Date?
        var until: Date?
        for case .window(let start, let end) in conditions {
            if let start { from = max(from ?? start, start) }
            if let end { until = min(until ?? end, end) }
        }
        return (from, until)
    }

    var needsCoupon: Bool { conditions.contains(.coupon) }

    /// Whether one cart could be eligible for both: their windows overlap and their scopes certainly share lines.
    func mayMeet(_ other: Promotion) -> Bool {
        let lhs = window
        let rhs = other.window
        let start = [lhs.from, rhs.from].compactMap(\.self).max()
        let end = [lhs.until, rhs.until].compactMap(\.self).min()
        if let start, let end, start >= end { return false }
        return scope.certainlyOverlaps(other.scope)
    }
}

extension LineScope {
    func certainlyOverlaps(_ other: LineScope) -> Bool {
        coversEverything || other.coversEverything
            || !productIDs.isDisjoint(with: other.productIDs)
            || !variantIDs.isDisjoint(with: other.variantIDs)
            || !categoryIDs.isDisjoint(with: other.categoryIDs)
    }
}

extension PromotionAction {
    /// The kind of discount in words, for conflict messages and duplicate detection.
    var kind: String {
        switch self {
        case .percentOff: "percent off"
        case .amountOffOrder: "an amount off the order"
        case .amountOffEachItem: "an amount off each item"
        case .fixedPrice: "a fixed price"
        case .buyXGetY: "buy X get Y"
        case .spendTiers: "spend tiers"
        case .freeShipping: "free shipping"
        case .freeGift: "a free gift"
        }
    }
}
