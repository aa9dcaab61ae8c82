import Promotions
import Testing
import TorvCore

@Suite struct InvalidDefinitionTests {
    static let actions: [PromotionAction] = [
        .percentOff(basisPoints: 20_000), .percentOff(basisPoints: -5), .amountOffOrder(eur(-100)),
        .amountOffEachItem(eur(-100)), .fixedPrice(eur(-100)),
        .buyXGetY(buy: 0, get: -1, basisPointsOff: 30_000, maxApplications: -2),
        .spendTiers([SpendTier(threshold: eur(-1), basisPointsOff: 90_000)]),
        .freeGift(variantID: "var_a", quantity: -3),
    ]

    @Test("definitions that validation refuses are clamped by the engine, never trusted", arguments: actions)
    func clamped(_ action: PromotionAction) {
        let cart = PromotionCart.fixture([.fixture("a", price: 1000, quantity: 3)], shipping: 100)
        let outcome = DiscountEngine.apply([.fixture("promo_bad", action)], to: cart)

        #expect((0...3000).contains(outcome.discount(forLine: "a").amount))
        #expect(outcome.shippingDiscount == eur(0))
        #expect(outcome.totalDiscount.amount == outcome.applied.map(\.total.amount).reduce(0, +))
    }
}
