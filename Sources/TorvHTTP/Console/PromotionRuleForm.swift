import Foundation
import Promotions
import TorvCore

/// The console's promotion form as typed, and its pure translation into the engine's ``Promotion``. Catalogue
/// and customer references (category handles, product handles, SKUs, channels, companies) are looked up by
/// the page beforehand and handed in as ``References``, so parsing itself touches nothing. The rule is
/// validated by the domain when it is saved (``PromotionRules``), exactly as for the admin API; this type
/// only refuses what cannot be read at all, and names the field of every refusal.
struct PromotionRuleForm: Sendable {
    /// What was typed, by field name; a missing name reads as empty.
    var values: [String: String]

    /// The action kinds the engine knows, in the order the form offers them.
    enum ActionKind: String, CaseIterable, Sendable {
        case percentOff = "percent_off"
        case amountOffOrder = "amount_off_order"
        case amountOffEachItem = "amount_off_each_item"
        case fixedPrice = "fixed_price"
        case buyXGetY = "buy_x_get_y"
        case spendTiers = "spend_tiers"
        case freeShipping = "free_shipping"
        case freeGift = "free_gift"

        var label: String {
            switch self {
            case .percentOff: "A percentage off"
            case .amountOffOrder: "An amount off the order (or off the matching lines together)"
            case .amountOffEachItem: "An amount off each matching item"
            case .fixedPrice: "A fixed price for each matching item"
            case .buyXGetY: "Buy some, get some cheaper or free"
            case .spendTiers: "Spend more, save more (tiers)"
            case .freeShipping: "Free shipping"
            case .freeGift: "A free gift"
            }
        }
    }

    /// How many spend tiers a blank form offers; empty rows are left out.
    static let tierRows = 4

    /// The spend-tier rows the form shows and reads: at least ``tierRows``, and every row that holds a value
    /// (a saved promotion may have more tiers), at most 50.
    var tierRowCount: Int {
        let filled = values.compactMap { name, value -> Int? in
            guard !value.isEmpty, name.hasPrefix("tier_threshold_") || name.hasPrefix("tier_percent_") else {
                return nil
            }
            return name.split(separator: "_").last.flatMap { Int($0) }
        }
        return min(max(Self.tierRows, filled.max() ?? 0), 50)
    }

    /// Fields read as checkboxes: present means ticked.
    static let checkboxes: Set<String> = ["first_order", "coupon_required", "active"]

    /// Catalogue and customer references the page looked up for the typed names: each maps what staff may
    /// type (lower-cased) to the ID the engine stores.
    struct References: Sendable {
        var categories: [String: String] = [:]
        var products: [String: String] = [:]
        var variants: [String: String] = [:]
        var channels: [String: String] = [:]
        var companies: [String: String] = [:]
    }

    /// The parsed promotion, with where each condition and tier came from so the domain's refusals
    /// (`/conditions/2/until`, `/action/tiers/1/threshold`) can be shown next to the field staff typed into.
    struct Parsed: Sendable {
        var promotion: Promotion
        var isActive: Bool
        var conditionFields: [String]
        var tierRows: [Int]
    }

    /// Why the form was refused: a sentence per field, by field name.
    struct Refusal: Error, Sendable {
        var messages: [String: String]
    }

    init(values: [String: String]) {
        self.values = values
    }

    subscript(name: String) -> String { values[name] ?? "" }

    /// Comma- or line-separated names, trimmed, empty ones left out, duplicates kept once in typed order.
    static func names(_ text: String) -> [String] {
        var seen: Set<String> = []
        return text.split(whereSeparator: { $0 == "," || $0.isNewline }).map {
            $0.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty && seen.insert($0.lowercased()).inserted }
    }

    var actionKind: ActionKind? { ActionKind(rawValue: self["action_kind"]) }

    /// The form as the engine's promotion (its ID is assigned when saved), or every field that cannot be read.
    func parse(references: References, settings: ShopSettings) -> Result<Parsed, Refusal> {
        var reader = PromotionRuleFormReader(form: self, settings: settings)
        var conditions: [PromotionCondition] = []
        var conditionFields: [String] = []
        func add(_ condition: PromotionCondition?, from field: String) {
            guard let condition else { return }
            conditions.append(condition)
            conditionFields.append(field)
        }
        let priority = reader.whole("priority", "Priority") ?? 0
        let channels = reader.references("channels", "Channel", in: references.channels)
        if !channels.isEmpty { add(.channels(Set(channels)), from: "channels") }
        let groups = Self.names(self["customer_groups"])
        if !groups.isEmpty { add(.customerGroups(Set(groups)), from: "customer_groups") }
        let companies = reader.references("companies", "Company", in: references.companies)
        if !companies.isEmpty { add(.companies(Set(companies)), from: "companies") }
        add(
            reader.money("minimum_subtotal", "Minimum subtotal").map { PromotionCondition.minimumSubtotal($0) },
            from: "minimum_subtotal")
        add(
            reader.whole("minimum_quantity", "Minimum quantity").map { PromotionCondition.minimumQuantity($0) },
            from: "minimum_quantity")
        if self["first_order"] == "on" { add(.firstOrder, from: "first_order") }
        let startsAt = reader.moment("starts_at", "Starts")
        let endsAt = reader.moment("ends_at", "Ends")
        if startsAt != nil || endsAt != nil { add(.window(from: startsAt, until: endsAt), from: "ends_at") }
        if self["coupon_required"] == "on" { add(.coupon, from: "coupon_required") }
        let scope = LineScope(
            productIDs: Set(reader.references("products", "Product", in: references.products)),
            variantIDs: Set(reader.references("skus", "SKU", in: references.variants)),
            categoryIDs: Set(reader.references("categories", "Category", in: references.categories)))
        let budget = PromotionBudget(
            maxDiscount: reader.money("max_discount", "Total discount"),
            maxUses: reader.whole("max_uses", "Total uses"),
            maxUsesPerCustomer: reader.whole("max_uses_per_customer", "Uses per customer"))
        let (action, tierRows) = reader.action(references: references)
        guard reader.messages.isEmpty, let action else { return .failure(Refusal(messages: reader.messages)) }
        let promotion = Promotion(
            id: "promo_new", name: self["name"], label: self["label"], priority: priority,
            stacking: self["stacking"] == "exclusive" ? .exclusive : .combinable, conditions: conditions,
            scope: scope, action: action, budget: budget)
        return .success(
            Parsed(
                promotion: promotion, isActive: self["active"] == "on", conditionFields: conditionFields,
                tierRows: tierRows))
    }

    /// The form field a domain refusal points at (`/budget/max_uses` → `max_uses`); nil for the form as a whole.
    static func field(for pointer: String, in parsed: Parsed) -> String? {
        let parts = pointer.split(separator: "/").map(String.init)
        guard let first = parts.first else { return nil }
        switch first {
        case "name", "label": return first
        case "budget": return parts.count > 1 ? parts[1] : nil
        case "conditions":
            guard parts.count > 1, let index = Int(parts[1]), parsed.conditionFields.indices.contains(index) else {
                return nil
            }
            let field = parsed.conditionFields[index]
            return field == "ends_at" && !pointer.hasSuffix("/until") ? "starts_at" : field
        case "action": return actionField(Array(parts.dropFirst()), in: parsed)
        default: return nil
        }
    }

    private static func actionField(_ parts: [String], in parsed: Parsed) -> String {
        switch parsed.promotion.action {
        case .percentOff: return "percent_off"
        case .amountOffOrder: return "amount_off_order"
        case .amountOffEachItem: return "amount_off_each_item"
        case .fixedPrice: return "fixed_price"
        case .buyXGetY:
            switch parts.first ?? "" {
            case "buy": return "buy"
            case "get": return "get"
            case "max_applications": return "max_applications"
            default: return "get_percent_off"
            }
        case .spendTiers:
            guard parts.count > 2, let index = Int(parts[1]), parsed.tierRows.indices.contains(index) else {
                return "tier_threshold_1"
            }
            let row = parsed.tierRows[index]
            return parts[2] == "basis_points_off" ? "tier_percent_\(row)" : "tier_threshold_\(row)"
        case .freeShipping: return "action_kind"
        case .freeGift: return parts.first == "quantity" ? "gift_quantity" : "gift_sku"
        }
    }
}
