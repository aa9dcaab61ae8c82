import Promotions
import Testing
import TorvCore

@Suite struct BudgetTests {
    static let cart = PromotionCart.fixture([.fixture("a", price: 1000), .fixture("b", price: 2000)])

    static func usage(given: Int64, uses: Int = 0, byCustomer: Int = 0) -> [String: PromotionUsage] {
        ["promo_b": PromotionUsage(discountGiven: eur(given), uses: uses, usesByThisCustomer: byCustomer)]
    }

    @Test("what is left of the budget caps the total, scaled down over the lines by allocation")
    func capped() throws {
        let promotion = Promotion.fixture(
            "promo_b", .percentOff(basisPoints: 2000), budget: PromotionBudget(maxDiscount: eur(1000)))
        var cart = Self.cart
        cart.usage = Self.usage(given: 700)
        let outcome = DiscountEngine.apply([promotion], to: cart)

        let applied = try #require(outcome.applied.first)
        #expect(applied.total == eur(300))
        #expect(outcome.lineDiscounts(cart) == ["a": 100, "b": 200])
    }

    @Test("a budget that is used up skips the promotion")
    func exhausted() {
        let promotion = Promotion.fixture(
            "promo_b", .percentOff(basisPoints: 2000), budget: PromotionBudget(maxDiscount: eur(1000)))
        var cart = Self.cart
        cart.usage = Self.usage(given: 1000)
        let outcome = DiscountEngine.apply([promotion], to: cart)

        #expect(outcome.reason(of: "promo_b") == .budgetExhausted)
        #expect(outcome.reason(of: "promo_b")?.message == "The promotion's budget is used up")
    }

    @Test("reaching the total number of uses skips the promotion")
    func usesExhausted() {
        let promotion = Promotion.fixture(
            "promo_b", .percentOff(basisPoints: 2000), budget: PromotionBudget(maxUses: 3))
        var cart = Self.cart
        cart.usage = Self.usage(given: 0, uses: 3)

        #expect(DiscountEngine.apply([promotion], to: cart).reason(of: "promo_b") == .usesExhausted)
    }

    @Test("reaching the uses per customer skips the promotion for that customer only")
    func customerLimit() {
        let promotion = Promotion.fixture(
            "promo_b", .percentOff(basisPoints: 2000), budget: PromotionBudget(maxUses: 10, maxUsesPerCustomer: 1))
        var cart = Self.cart
        cart.usage = Self.usage(given: 0, uses: 2, byCustomer: 1)
        #expect(DiscountEngine.apply([promotion], to: cart).reason(of: "promo_b") == .customerLimitReached)

        cart.usage = Self.usage(given: 0, uses: 2, byCustomer: 0)
        #expect(DiscountEngine.apply([promotion], to: cart).applied.count == 1)
    }

    @Test("a budget without recorded usage is entirely available")
    func noUsage() {
        let promotion = Promotion.fixture(
            "promo_b", .percentOff(basisPoints: 5000), budget: PromotionBudget(maxDiscount: eur(500)))
        #expect(DiscountEngine.apply([promotion], to: Self.cart).totalDiscount == eur(500))
    }
}
