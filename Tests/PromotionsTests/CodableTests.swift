import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct CodableTests {
    @Test("promotions and outcomes survive a JSON round trip unchanged, so they can be stored and quoted later")
    func roundTrip() throws {
        let promotion = Promotion.fixture(
            "promo_all", .spendTiers([SpendTier(threshold: eur(5000), basisPointsOff: 500)]), priority: 3,
            stacking: .exclusive,
            conditions: [
                .window(from: friday, until: nil), .channels(["web"]), .customerGroups(["B2B"]), .companies(["com_1"]),
                .minimumSubtotal(eur(100)), .minimumQuantity(2), .firstOrder, .coupon,
            ],
            scope: LineScope(productIDs: ["prod_1"], categoryIDs: ["cat_1"]),
            budget: PromotionBudget(maxDiscount: eur(10_000), maxUses: 5, maxUsesPerCustomer: 1))
        let cart = PromotionCart.fixture(
            [.fixture("a", price: 1000, quantity: 2), .fixture("g", price: 500, variant: "var_gift")], shipping: 495)
        let outcome = DiscountEngine.apply(
            [
                promotion, .fixture("promo_ship", .freeShipping),
                .fixture("promo_gift", .freeGift(variantID: "var_gift", quantity: 2)),
            ], to: cart)

        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        #expect(try decoder.decode(Promotion.self, from: encoder.encode(promotion)) == promotion)
        #expect(try decoder.decode(PromotionCart.self, from: encoder.encode(cart)) == cart)
        #expect(try decoder.decode(PromotionOutcome.self, from: encoder.encode(outcome)) == outcome)
        #expect(outcome.applied.map(\.promotionID) == ["promo_gift", "promo_ship"])
        #expect(outcome.gifts.first?.quantityToAdd == 1)
    }
}
