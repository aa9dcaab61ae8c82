import Foundation
import Promotions
import TorvCore

/// Reads the promotion form's fields one by one (amounts in the shop's currency, whole numbers, percentages,
/// wall-clock times in the shop's zone, names looked up beforehand), collecting a sentence per field that
/// cannot be read instead of stopping at the first.
struct PromotionRuleFormReader {
    let form: PromotionRuleForm
    let settings: ShopSettings
    private(set) var messages: [String: String] = [:]

    init(form: PromotionRuleForm, settings: ShopSettings) {
        self.form = form
        self.settings = settings
    }

    private mutating func refuse(_ field: String, _ message: String) {
        if messages[field] == nil { messages[field] = message }
    }

    /// An amount such as 4.50 in the shop's currency; nil when empty or unreadable (then refused).
    mutating func money(_ field: String, _ label: String, required: Bool = false) -> Money? {
        let text = form[field]
        guard !text.isEmpty else {
            if required { refuse(field, "\(label) is required.") }
            return nil
        }
        guard let amount = try? Money.parse(text, currency: settings.currency) else {
            refuse(field, "\(label) must be written like 4.50 (in \(settings.currency.code)).")
            return nil
        }
        return amount
    }

    /// A whole number; nil when empty or unreadable (then refused).
    mutating func whole(_ field: String, _ label: String, required: Bool = false) -> Int? {
        let text = form[field]
        guard !text.isEmpty else {
            if required { refuse(field, "\(label) is required.") }
            return nil
        }
        guard let value = Int(text) else {
            refuse(field, "\(label) must be a whole number\(required ? "" : ", or empty for none").")
            return nil
        }
        return value
    }

    /// A percentage with at most two decimals ("10", "12.5") as basis points; range checks are the domain's.
    mutating func percent(_ field: String, _ label: String, default fallback: Int? = nil) -> Int? {
        let text = form[field].replacingOccurrences(of: "%", with: "").trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            if fallback == nil { refuse(field, "\(label) is required.") }
            return fallback
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = Int(parts[0]), whole >= 0, whole <= 1_000_000,
            parts.count == 1 || (1...2).contains(parts[1].count) && parts[1].allSatisfy(\.isNumber)
        else {
            refuse(field, "\(label) must be a percentage such as 10 or 12.5.")
            return nil
        }
        let decimals = parts.count == 2 ? String(parts[1]).padding(toLength: 2, withPad: "0", startingAt: 0) : "00"
        return whole * 100 + (Int(decimals) ?? 0)
    }

    /// A date and time typed in the shop's zone; nil when empty or unreadable (then refused).
    mutating func moment(_ field: String, _ label: String) -> Date? {
        let text = form[field]
        guard !text.isEmpty else { return nil }
        guard let date = CampaignSchedule.instant(text, in: settings.timeZone.identifier) else {
            refuse(field, "\(label) must be a date and time, such as 2027-11-27T09:00.")
            return nil
        }
        return date
    }

    /// The IDs of the names typed into `field`, refusing the ones nothing is known by.
    mutating func references(_ field: String, _ noun: String, in known: [String: String]) -> [String] {
        let names = PromotionRuleForm.names(form[field])
        let unknown = names.filter { known[$0.lowercased()] == nil }
        guard unknown.isEmpty else {
            let quoted = unknown.map { "\u{201C}\($0)\u{201D}" }.joined(separator: ", ")
            refuse(field, "No \(noun.lowercased()) is known as \(quoted).")
            return []
        }
        return names.compactMap { known[$0.lowercased()] }
    }

    /// The chosen action with the fields its kind needs, and for spend tiers the form rows they came from.
    mutating func action(references: PromotionRuleForm.References) -> (PromotionAction?, tierRows: [Int]) {
        guard let kind = form.actionKind else {
            refuse("action_kind", "Choose what the promotion takes off.")
            return (nil, [])
        }
        switch kind {
        case .percentOff:
            return (percent("percent_off", "The percentage").map { .percentOff(basisPoints: $0) }, [])
        case .amountOffOrder:
            return (money("amount_off_order", "The amount", required: true).map { .amountOffOrder($0) }, [])
        case .amountOffEachItem:
            return (money("amount_off_each_item", "The amount", required: true).map { .amountOffEachItem($0) }, [])
        case .fixedPrice:
            return (money("fixed_price", "The price", required: true).map { .fixedPrice($0) }, [])
        case .buyXGetY:
            let buy = whole("buy", "Buy", required: true)
            let get = whole("get", "Get", required: true)
            let off = percent("get_percent_off", "Off the cheaper ones", default: 10_000)
            let most = whole("max_applications", "Times per cart")
            guard let buy, let get, let off else { return (nil, []) }
            return (.buyXGetY(buy: buy, get: get, basisPointsOff: off, maxApplications: most), [])
        case .spendTiers:
            var tiers: [SpendTier] = []
            var rows: [Int] = []
            for row in 1...form.tierRowCount {
                let (threshold, share) = ("tier_threshold_\(row)", "tier_percent_\(row)")
                guard !form[threshold].isEmpty || !form[share].isEmpty else { continue }
                let amount = money(threshold, "Tier \(row)'s threshold", required: true)
                let off = percent(share, "Tier \(row)'s percentage")
                guard let amount, let off else { continue }
                tiers.append(SpendTier(threshold: amount, basisPointsOff: off))
                rows.append(row)
            }
            return (.spendTiers(tiers), rows)
        case .freeShipping:
            return (.freeShipping, [])
        case .freeGift:
            let sku = form["gift_sku"]
            let quantity: Int? =
                form["gift_quantity"].isEmpty ? 1 : whole("gift_quantity", "Gift quantity", required: true)
            guard !sku.isEmpty else {
                refuse("gift_sku", "The gift's SKU is required.")
                return (nil, [])
            }
            guard let variant = references.variants[sku.lowercased()] else {
                refuse("gift_sku", "No variant has the SKU \u{201C}\(sku)\u{201D}.")
                return (nil, [])
            }
            return (quantity.map { .freeGift(variantID: variant, quantity: $0) }, [])
        }
    }
}
