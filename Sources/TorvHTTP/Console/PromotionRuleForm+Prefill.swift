import Foundation
import Promotions
import TorvCore

extension PromotionRuleForm {
    /// The form as a new promotion starts: combinable, priority 0, 10 % off, switched on when saved.
    static let blank = PromotionRuleForm(values: [
        "priority": "0", "stacking": "combinable", "action_kind": ActionKind.percentOff.rawValue, "percent_off": "10",
        "get_percent_off": "100", "gift_quantity": "1", "active": "on",
    ])

    /// The form filled in from a saved promotion, so that sending it unchanged saves the same rule. `names`
    /// gives the handle or SKU to show for a stored ID; IDs without one are shown as they are.
    init(_ promotion: Promotion, names: [String: String], settings: ShopSettings) {
        var values = Self.blank.values
        values["active"] = nil
        func list(_ ids: Set<String>) -> String { ids.map { names[$0] ?? $0 }.sorted().joined(separator: ", ") }
        values["name"] = promotion.name
        values["label"] = promotion.label
        values["priority"] = String(promotion.priority)
        values["stacking"] = promotion.stacking == .exclusive ? "exclusive" : "combinable"
        values["products"] = list(promotion.scope.productIDs)
        values["skus"] = list(promotion.scope.variantIDs)
        values["categories"] = list(promotion.scope.categoryIDs)
        for condition in promotion.conditions {
            switch condition {
            case .channels(let codes): values["channels"] = list(codes)
            case .customerGroups(let groups): values["customer_groups"] = groups.sorted().joined(separator: ", ")
            case .companies(let companies): values["companies"] = list(companies)
            case .minimumSubtotal(let amount): values["minimum_subtotal"] = amount.decimalString
            case .minimumQuantity(let quantity): values["minimum_quantity"] = String(quantity)
            case .firstOrder: values["first_order"] = "on"
            case .window(let from, let until):
                values["starts_at"] = from.map { Self.localTime($0, in: settings.timeZone) }
                values["ends_at"] = until.map { Self.localTime($0, in: settings.timeZone) }
            case .coupon: values["coupon_required"] = "on"
            }
        }
        let budget = promotion.budget
        values["max_discount"] = budget.maxDiscount?.decimalString
        values["max_uses"] = budget.maxUses.map(String.init)
        values["max_uses_per_customer"] = budget.maxUsesPerCustomer.map(String.init)
        values["percent_off"] = nil
        switch promotion.action {
        case .percentOff(let basisPoints):
            values["action_kind"] = ActionKind.percentOff.rawValue
            values["percent_off"] = Self.percentText(basisPoints)
        case .amountOffOrder(let amount):
            values["action_kind"] = ActionKind.amountOffOrder.rawValue
            values["amount_off_order"] = amount.decimalString
        case .amountOffEachItem(let amount):
            values["action_kind"] = ActionKind.amountOffEachItem.rawValue
            values["amount_off_each_item"] = amount.decimalString
        case .fixedPrice(let price):
            values["action_kind"] = ActionKind.fixedPrice.rawValue
            values["fixed_price"] = price.decimalString
        case .buyXGetY(let buy, let get, let basisPointsOff, let maxApplications):
            values["action_kind"] = ActionKind.buyXGetY.rawValue
            values["buy"] = String(buy)
            values["get"] = String(get)
            values["get_percent_off"] = Self.percentText(basisPointsOff)
            values["max_applications"] = maxApplications.map(String.init)
        case .spendTiers(let tiers):
            values["action_kind"] = ActionKind.spendTiers.rawValue
            for (index, tier) in tiers.enumerated() {
                values["tier_threshold_\(index + 1)"] = tier.threshold.decimalString
                values["tier_percent_\(index + 1)"] = Self.percentText(tier.basisPointsOff)
            }
        case .freeShipping:
            values["action_kind"] = ActionKind.freeShipping.rawValue
        case .freeGift(let variantID, let quantity):
            values["action_kind"] = ActionKind.freeGift.rawValue
            values["gift_sku"] = names[variantID] ?? variantID
            values["gift_quantity"] = String(quantity)
        }
        self.init(values: values)
    }

    /// Basis points as the form's percentage: 1000 → "10", 1250 → "12.5", 1205 → "12.05".
    static func percentText(_ basisPoints: Int) -> String {
        let (whole, rest) = (basisPoints / 100, basisPoints % 100)
        guard rest != 0 else { return String(whole) }
        return rest % 10 == 0 ? "\(whole).\(rest / 10)" : String(format: "%d.%02d", whole, rest)
    }

    /// An instant as a `datetime-local` value in `zone` (`2027-11-27T09:00`).
    static func localTime(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0,
            parts.minute ?? 0)
    }
}
