import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct ConflictTests {
    static let week: TimeInterval = 7 * 86_400

    @Test("two exclusive promotions with the same priority that can meet are reported")
    func exclusiveTie() {
        let first = Promotion.fixture("promo_a", .percentOff(basisPoints: 1000), priority: 5, stacking: .exclusive)
        let second = Promotion.fixture(
            "promo_b", .amountOffOrder(eur(500)), priority: 5, stacking: .exclusive,
            scope: LineScope(categoryIDs: ["cat_shoes"]))

        let conflicts = PromotionRules.conflicts([second, first], at: friday)

        #expect(conflicts.map(\.kind) == [.exclusiveTie])
        #expect(conflicts.first?.promotionID == "promo_a")
        #expect(conflicts.first?.otherPromotionID == "promo_b")
        #expect(conflicts.first?.message.contains("only their IDs decide") == true)
    }

    @Test("exclusive promotions whose windows or scopes cannot meet, or whose priorities differ, are fine")
    func noTie() {
        let base = Promotion.fixture(
            "promo_a", .percentOff(basisPoints: 1000), priority: 5, stacking: .exclusive,
            conditions: [.window(from: friday, until: friday + Self.week)], scope: LineScope(categoryIDs: ["cat_a"]))
        var later = base
        later.id = "promo_b"
        later.action = .freeShipping
        later.conditions = [.window(from: friday + Self.week, until: nil)]
        var elsewhere = base
        elsewhere.id = "promo_c"
        elsewhere.action = .freeShipping
        elsewhere.scope = LineScope(categoryIDs: ["cat_b"])
        var lower = base
        lower.id = "promo_d"
        lower.action = .freeShipping
        lower.priority = 4
        lower.scope = LineScope(categoryIDs: ["cat_c"])

        #expect(PromotionRules.conflicts([base, later], at: friday) == [])
        #expect(PromotionRules.conflicts([base, elsewhere], at: friday) == [])
        #expect(PromotionRules.conflicts([base, lower], at: friday).map(\.kind) == [])
    }

    @Test("the same kind of discount on the same items with the same coupon requirement is a likely duplicate")
    func duplicate() {
        let first = Promotion.fixture("promo_a", .percentOff(basisPoints: 1000), conditions: [.coupon])
        let second = Promotion.fixture("promo_b", .percentOff(basisPoints: 1500), conditions: [.coupon])
        let withoutCoupon = Promotion.fixture("promo_c", .percentOff(basisPoints: 1500))

        #expect(PromotionRules.conflicts([first, second], at: friday).map(\.kind) == [.duplicate])
        #expect(PromotionRules.conflicts([first, withoutCoupon], at: friday) == [])
    }

    @Test("a promotion whose window has passed is reported")
    func windowPassed() {
        let promotion = Promotion.fixture(
            "promo_old", .freeShipping, conditions: [.window(from: nil, until: friday - Self.week)])

        let conflicts = PromotionRules.conflicts([promotion], at: friday)

        #expect(conflicts.map(\.kind) == [.windowPassed])
        #expect(conflicts.first?.message == "promo_old ended on 2026-11-20 00:00 UTC; no cart can get it.")
    }

    @Test("an action and a minimum subtotal in different currencies are reported")
    func mixedCurrencies() {
        let promotion = Promotion.fixture(
            "promo_mixed", .amountOffOrder(eur(500)),
            conditions: [.minimumSubtotal(Money(minorUnits: 5000, currency: .usd))])

        let conflicts = PromotionRules.conflicts([promotion], at: friday)

        #expect(conflicts.map(\.code) == ["mixed_currencies"])
        #expect(conflicts.first?.message.contains("EUR and USD") == true)
    }
}
