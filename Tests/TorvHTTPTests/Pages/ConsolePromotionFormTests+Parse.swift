import Foundation
import Promotions
import Testing
import TorvCore

@testable import TorvHTTP

/// The form ↔ rule mapping on its own: no database, no HTTP.
@Suite("Console promotion rule form parsing")
struct ConsolePromotionFormParseTests {
    static let settings = ShopSettings()

    static func euros(_ minor: Int64) -> Money { Money(minorUnits: minor, currency: .eur) }

    /// References that know every ID by itself, as the page's look-up would for IDs typed into the form.
    static let references = PromotionRuleForm.References(
        categories: ["cat_1": "cat_1"], products: ["prod_1": "prod_1"],
        variants: ["var_1": "var_1", "var_gift": "var_gift"], channels: ["web": "web", "pos": "pos"],
        companies: ["cmp_1": "cmp_1"])

    static let start = Date(timeIntervalSince1970: 4_086_000_000)  // a whole minute

    static let rules: [Promotion] = [
        Promotion(
            id: "promo_new", name: "Tiers", label: "Spend more", priority: 2, stacking: .exclusive,
            conditions: [
                .channels(["web", "pos"]), .customerGroups(["vip"]), .companies(["cmp_1"]), .firstOrder,
                .window(from: start, until: start.addingTimeInterval(3_600)), .coupon,
            ],
            scope: LineScope(productIDs: ["prod_1"], variantIDs: ["var_1"], categoryIDs: ["cat_1"]),
            action: .spendTiers([
                SpendTier(threshold: euros(5000), basisPointsOff: 500),
                SpendTier(threshold: euros(10_000), basisPointsOff: 1_205),
            ]), budget: PromotionBudget(maxDiscount: euros(50_000), maxUses: 10, maxUsesPerCustomer: 1)),
        Promotion(
            id: "promo_new", name: "Gift", label: "A free mug", action: .freeGift(variantID: "var_gift", quantity: 2)),
        Promotion(
            id: "promo_new", name: "Two for one", label: "2 for 1",
            conditions: [.minimumSubtotal(euros(1_999)), .minimumQuantity(2)],
            action: .buyXGetY(buy: 1, get: 1, basisPointsOff: 5_000, maxApplications: nil)),
        Promotion(id: "promo_new", name: "Fixed", label: "All 5", action: .fixedPrice(euros(500))),
        Promotion(id: "promo_new", name: "Each", label: "1 off each", action: .amountOffEachItem(euros(100))),
        Promotion(id: "promo_new", name: "Ship", label: "Free shipping", action: .freeShipping),
        // More tiers than a blank form shows: all of them are shown and kept.
        Promotion(
            id: "promo_new", name: "Many tiers", label: "Up to 30 %",
            action: .spendTiers(
                (1...6).map { SpendTier(threshold: euros(Int64($0) * 1_000), basisPointsOff: $0 * 500) })),
    ]

    @Test("a saved rule shown in the form and sent unchanged is the same rule", arguments: rules)
    func roundTrip(rule: Promotion) throws {
        let form = PromotionRuleForm(rule, names: [:], settings: Self.settings)
        let parsed = try PromotionRuleForm(values: form.values.merging(["active": "on"]) { $1 })
            .parse(references: Self.references, settings: Self.settings).get()
        #expect(parsed.promotion == rule)
        #expect(parsed.isActive)
    }

    @Test(
        "percentages are read with up to two decimals",
        arguments: [("10", 1_000), ("12.5", 1_250), ("12.05", 1_205), ("100", 10_000), ("7 %", 700)])
    func percentages(text: String, basisPoints: Int) throws {
        let form = PromotionRuleForm(values: [
            "name": "P", "label": "P", "action_kind": "percent_off", "percent_off": text,
        ])
        let parsed = try form.parse(references: Self.references, settings: Self.settings).get()
        #expect(parsed.promotion.action == .percentOff(basisPoints: basisPoints))
    }

    @Test("what cannot be read is refused field by field, all at once")
    func unreadable() {
        let form = PromotionRuleForm(values: [
            "name": "P", "label": "P", "action_kind": "spend_tiers", "tier_threshold_1": "50.00",
            "tier_percent_1": "1.234", "tier_percent_2": "5", "starts_at": "tomorrow", "channels": "web, shop",
            "priority": "high",
        ])
        guard case .failure(let refusal) = form.parse(references: Self.references, settings: Self.settings) else {
            Issue.record("the form was read")
            return
        }
        #expect(
            refusal.messages == [
                "tier_percent_1": "Tier 1's percentage must be a percentage such as 10 or 12.5.",
                "tier_threshold_2": "Tier 2's threshold is required.",
                "starts_at": "Starts must be a date and time, such as 2027-11-27T09:00.",
                "channels": "No channel is known as \u{201C}shop\u{201D}.",
                "priority": "Priority must be a whole number, or empty for none.",
            ])
        let none = PromotionRuleForm(values: ["name": "P", "label": "P"])
        guard case .failure(let missing) = none.parse(references: Self.references, settings: Self.settings) else {
            Issue.record("a form without an action was read")
            return
        }
        #expect(missing.messages == ["action_kind": "Choose what the promotion takes off."])
    }

    @Test("the domain's refusals are shown next to the field they concern")
    func domainPointers() throws {
        let form = PromotionRuleForm(values: [
            "name": "P", "label": "P", "action_kind": "spend_tiers", "tier_threshold_2": "50.00",
            "tier_percent_2": "5", "tier_threshold_4": "40.00", "tier_percent_4": "5", "minimum_quantity": "0",
        ])
        let parsed = try form.parse(references: Self.references, settings: Self.settings).get()
        #expect(PromotionRuleForm.field(for: "/action/tiers/1/threshold", in: parsed) == "tier_threshold_4")
        #expect(PromotionRuleForm.field(for: "/action/tiers/0/basis_points_off", in: parsed) == "tier_percent_2")
        #expect(PromotionRuleForm.field(for: "/conditions/0/quantity", in: parsed) == "minimum_quantity")
        #expect(PromotionRuleForm.field(for: "/budget/max_uses", in: parsed) == "max_uses")
        #expect(PromotionRuleForm.field(for: "/id", in: parsed) == nil)
    }
}
