import Promotions
import Testing
import TorvCore

@Suite struct StackingTests {
    static let cart = PromotionCart.fixture([.fixture("a", price: 10_000)])

    @Test("an exclusive promotion that applies first keeps every later promotion out")
    func exclusiveFirst() {
        let promotions: [Promotion] = [
            .fixture(
                "promo_sale", .percentOff(basisPoints: 2000), label: "Black Friday", priority: 10, stacking: .exclusive),
            .fixture("promo_ten", .amountOffOrder(eur(1000)), priority: 1),
            .fixture("promo_vip", .percentOff(basisPoints: 500), priority: 0, conditions: [.coupon]),
        ]
        let outcome = DiscountEngine.apply(promotions, to: Self.cart)

        #expect(outcome.applied.map(\.promotionID) == ["promo_sale"])
        #expect(outcome.totalDiscount == eur(2000))
        let excluded = SkipReason.excludedBy(promotionID: "promo_sale", label: "Black Friday")
        #expect(outcome.notApplied.map(\.reason) == [excluded, excluded])
        #expect(excluded.message == "Not combinable with Black Friday")
    }

    @Test("an exclusive promotion after a combinable one that applied is not combinable with it")
    func exclusiveAfterCombinable() {
        let promotions: [Promotion] = [
            .fixture("promo_summer", .percentOff(basisPoints: 1000), label: "Summer sale", priority: 10),
            .fixture("promo_excl", .amountOffOrder(eur(3000)), priority: 1, stacking: .exclusive),
            .fixture("promo_more", .amountOffOrder(eur(500)), priority: 0),
        ]
        let outcome = DiscountEngine.apply(promotions, to: Self.cart)

        #expect(outcome.applied.map(\.promotionID) == ["promo_summer", "promo_more"])
        #expect(
            outcome.reason(of: "promo_excl") == .notCombinable(withPromotionID: "promo_summer", label: "Summer sale"))
        #expect(outcome.reason(of: "promo_excl")?.message == "Not combinable with Summer sale")
    }

    @Test("equal priorities are ordered by ID, whatever order the promotions come in")
    func priorityTiesByID() {
        let first = Promotion.fixture("promo_a", .percentOff(basisPoints: 1000), priority: 5, stacking: .exclusive)
        let second = Promotion.fixture("promo_b", .percentOff(basisPoints: 5000), priority: 5, stacking: .exclusive)

        let forwards = DiscountEngine.apply([first, second], to: Self.cart)
        let backwards = DiscountEngine.apply([second, first], to: Self.cart)

        #expect(forwards == backwards)
        #expect(forwards.applied.map(\.promotionID) == ["promo_a"])
        #expect(forwards.reason(of: "promo_b") == .excludedBy(promotionID: "promo_a", label: "promo_a"))
    }

    @Test("an exclusive promotion that is not eligible blocks nothing")
    func ineligibleExclusive() {
        let promotions: [Promotion] = [
            .fixture(
                "promo_excl", .percentOff(basisPoints: 5000), priority: 10, stacking: .exclusive, conditions: [.coupon]),
            .fixture("promo_ten", .percentOff(basisPoints: 1000)),
        ]
        let outcome = DiscountEngine.apply(promotions, to: Self.cart)

        #expect(outcome.applied.map(\.promotionID) == ["promo_ten"])
        #expect(outcome.reason(of: "promo_excl") == .couponRequired)
    }

    @Test("combinable promotions each work on what the previous ones left")
    func combinableOnRemaining() {
        let promotions: [Promotion] = [
            .fixture("promo_pct", .percentOff(basisPoints: 1000), priority: 2),
            .fixture("promo_amt", .amountOffOrder(eur(1000)), priority: 1),
            .fixture("promo_half", .percentOff(basisPoints: 5000), priority: 0),
        ]
        let outcome = DiscountEngine.apply(promotions, to: Self.cart)

        #expect(outcome.applied.map(\.total) == [eur(1000), eur(1000), eur(4000)])
        #expect(outcome.discount(forLine: "a") == eur(6000))
    }

    @Test("once a line is free, later promotions have nothing left to discount")
    func nothingLeft() {
        let promotions: [Promotion] = [
            .fixture("promo_free", .percentOff(basisPoints: 10_000), priority: 1),
            .fixture("promo_amt", .amountOffOrder(eur(1000))),
        ]
        let outcome = DiscountEngine.apply(promotions, to: Self.cart)

        #expect(outcome.discount(forLine: "a") == eur(10_000))
        #expect(outcome.reason(of: "promo_amt") == .nothingLeftToDiscount)
    }
}
