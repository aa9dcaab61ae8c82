import Promotions
import Testing
import TorvCore

@Suite struct ActionTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var action: PromotionAction
        var lines: [PromotionLine]
        var expected: [String: Int64]
        var testDescription: String { name }
    }

    static let examples: [Example] = [
        Example(
            name: "10 % off is rounded once on the total and spread by largest remainder",
            action: .percentOff(basisPoints: 1000),
            lines: [.fixture("a", price: 1000, quantity: 2), .fixture("b", price: 333)],
            expected: ["a": 200, "b": 33]),
        Example(
            name: "5 % of 2.50 rounds half to even (12.5 → 12)",
            action: .percentOff(basisPoints: 500), lines: [.fixture("a", price: 250)], expected: ["a": 12]),
        Example(
            name: "5 % of 3.50 rounds half to even (17.5 → 18)",
            action: .percentOff(basisPoints: 500), lines: [.fixture("a", price: 350)], expected: ["a": 18]),
        Example(
            name: "an amount off the order is spread in proportion to the lines",
            action: .amountOffOrder(eur(1000)),
            lines: [.fixture("a", price: 3000), .fixture("b", price: 1000)], expected: ["a": 750, "b": 250]),
        Example(
            name: "an amount off the order larger than the order takes the whole order",
            action: .amountOffOrder(eur(5000)),
            lines: [.fixture("a", price: 3000), .fixture("b", price: 1000)], expected: ["a": 3000, "b": 1000]),
        Example(
            name: "an amount off each item counts units and stops at the line's value",
            action: .amountOffEachItem(eur(150)),
            lines: [.fixture("a", price: 1000, quantity: 3), .fixture("b", price: 100, quantity: 2)],
            expected: ["a": 450, "b": 200]),
        Example(
            name: "a fixed price lowers dearer units and leaves cheaper ones alone",
            action: .fixedPrice(eur(800)),
            lines: [.fixture("a", price: 1000, quantity: 3), .fixture("b", price: 700)], expected: ["a": 600, "b": 0]),
        Example(
            name: "buy 2 get 1 free with 7 units gives 2 free",
            action: .buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: nil),
            lines: [.fixture("a", price: 1000, quantity: 7)], expected: ["a": 2000]),
        Example(
            name: "buy 2 get 1 free applies at most maxApplications times",
            action: .buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: 1),
            lines: [.fixture("a", price: 1000, quantity: 7)], expected: ["a": 1000]),
        Example(
            name: "buy 2 get 1 free with mixed prices makes the cheapest units free",
            action: .buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: nil),
            lines: [
                .fixture("a", price: 3000), .fixture("b", price: 2000, quantity: 2), .fixture("c", price: 500),
                .fixture("d", price: 1000, quantity: 2),
            ],
            expected: ["a": 0, "b": 0, "c": 500, "d": 1000]),
        Example(
            name: "buy 1 get 1 half price rounds the line's reduction half to even",
            action: .buyXGetY(buy: 1, get: 1, basisPointsOff: 5000, maxApplications: nil),
            lines: [.fixture("a", price: 999, quantity: 2)], expected: ["a": 500]),
        Example(
            name: "spend tiers apply the highest tier reached",
            action: .spendTiers(Self.tiers),
            lines: [.fixture("a", price: 6000, quantity: 2)], expected: ["a": 1200]),
    ]

    static let tiers = [
        SpendTier(threshold: eur(5000), basisPointsOff: 500), SpendTier(threshold: eur(10_000), basisPointsOff: 1000),
    ]

    @Test("every action takes off exactly what its definition promises", arguments: examples)
    func action(_ example: Example) {
        let cart = PromotionCart.fixture(example.lines)
        let outcome = DiscountEngine.apply([.fixture("promo_x", example.action)], to: cart)

        #expect(outcome.lineDiscounts(cart) == example.expected)
        #expect(outcome.totalDiscount.amount == example.expected.values.reduce(0, +))
    }

    @Test("a spend tier below the top names the next tier")
    func nextTierNamed() throws {
        let cart = PromotionCart.fixture([.fixture("a", price: 7000)])
        let outcome = DiscountEngine.apply([.fixture("promo_tiers", .spendTiers(Self.tiers))], to: cart)

        let applied = try #require(outcome.applied.first)
        #expect(applied.total == eur(350))
        #expect(applied.nextTier == TierProgress(missing: eur(3000), basisPoints: 1000))
        #expect(applied.nextTier?.message == "Spend €30.00 more on eligible items to get 10 % off")
    }

    @Test("below the first spend tier the promotion is skipped with what is missing")
    func belowFirstTier() {
        let cart = PromotionCart.fixture([.fixture("a", price: 4000)])
        let outcome = DiscountEngine.apply([.fixture("promo_tiers", .spendTiers(Self.tiers))], to: cart)

        #expect(outcome.applied.isEmpty)
        #expect(outcome.reason(of: "promo_tiers") == .nextTier(missing: eur(1000), basisPoints: 500))
        #expect(outcome.reason(of: "promo_tiers")?.message == "Spend €10.00 more on eligible items to get 5 % off")
    }

    @Test("buy 2 get 1 with too few units says how many more to add")
    func buyXGetYTooFew() {
        let cart = PromotionCart.fixture([.fixture("a", price: 1000, quantity: 2)])
        let action = PromotionAction.buyXGetY(buy: 2, get: 1, basisPointsOff: 10_000, maxApplications: nil)
        let outcome = DiscountEngine.apply([.fixture("promo_b2g1", action)], to: cart)

        #expect(outcome.reason(of: "promo_b2g1") == .minimumQuantity(missing: 1))
        #expect(outcome.reason(of: "promo_b2g1")?.message == "Add 1 more eligible item")
    }

    @Test("free shipping takes the whole shipping price and nothing off the lines")
    func freeShipping() {
        let cart = PromotionCart.fixture([.fixture("a", price: 1000)], shipping: 495)
        let outcome = DiscountEngine.apply([.fixture("promo_ship", .freeShipping)], to: cart)

        #expect(outcome.shippingDiscount == eur(495))
        #expect(outcome.discount(forLine: "a") == eur(0))
        #expect(outcome.applied.first?.discounts == [PromotionDiscount(target: .shipping, amount: eur(495))])
    }

    @Test("free shipping without a shipping price has nothing to discount")
    func freeShippingWithoutShipping() {
        let cart = PromotionCart.fixture([.fixture("a", price: 1000)])
        let outcome = DiscountEngine.apply([.fixture("promo_ship", .freeShipping)], to: cart)

        #expect(outcome.reason(of: "promo_ship") == .nothingLeftToDiscount)
    }

    @Test("a fixed price above every unit price has nothing to discount")
    func fixedPriceAlreadyCheaper() {
        let cart = PromotionCart.fixture([.fixture("a", price: 700)])
        let outcome = DiscountEngine.apply([.fixture("promo_fixed", .fixedPrice(eur(800)))], to: cart)

        #expect(outcome.reason(of: "promo_fixed") == .nothingLeftToDiscount)
    }

    @Test("a free gift that is not in the cart is granted for the flow to add")
    func giftAbsent() {
        let cart = PromotionCart.fixture([.fixture("a", price: 1000)])
        let outcome = DiscountEngine.apply(
            [.fixture("promo_gift", .freeGift(variantID: "var_gift", quantity: 1))], to: cart)

        #expect(outcome.applied.map(\.promotionID) == ["promo_gift"])
        #expect(outcome.totalDiscount == eur(0))
        #expect(
            outcome.gifts == [
                GiftGrant(promotionID: "promo_gift", variantID: "var_gift", quantity: 1, quantityInCart: 0)
            ])
        #expect(outcome.gifts.first?.quantityToAdd == 1)
    }

    @Test("a free gift already in the cart makes up to its quantity of units free")
    func giftPresent() {
        let cart = PromotionCart.fixture([
            .fixture("a", price: 1000), .fixture("g", price: 1500, quantity: 2, variant: "var_gift"),
        ])
        let outcome = DiscountEngine.apply(
            [.fixture("promo_gift", .freeGift(variantID: "var_gift", quantity: 1))], to: cart)

        #expect(outcome.lineDiscounts(cart) == ["a": 0, "g": 1500])
        #expect(outcome.gifts.first?.quantityInCart == 1)
        #expect(outcome.gifts.first?.quantityToAdd == 0)
    }

    @Test("only in-scope lines are discounted")
    func scope() {
        let cart = PromotionCart.fixture([
            .fixture("shoe", price: 5000, categories: ["cat_shoes"]),
            .fixture("sock", price: 1000, product: "prod_sock"),
            .fixture("hat", price: 2000),
        ])
        let scope = LineScope(productIDs: ["prod_sock"], categoryIDs: ["cat_shoes"])
        let outcome = DiscountEngine.apply(
            [.fixture("promo_x", .percentOff(basisPoints: 1000), scope: scope)], to: cart)

        #expect(outcome.lineDiscounts(cart) == ["shoe": 500, "sock": 100, "hat": 0])
    }
}
