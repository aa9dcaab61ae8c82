import Foundation
import Promotions
import PropertyBased
import Testing
import TorvCore

/// The engine's guarantees for any cart and any valid promotions, not only the ones in the tables.
@Suite struct EnginePropertyTests {
    typealias Random = RandomPromotions

    @Test("the random promotions are valid definitions")
    func generatedPromotionsAreValid() async {
        await propertyCheck(count: 200, input: Random.promotionSeeds) { seeds in
            for promotion in Random.promotions(seeds) {
                #expect(PromotionRules.validate(promotion) == [])
            }
        }
    }

    @Test("no line and no shipping is ever discounted below zero")
    func neverBelowZero() async {
        await propertyCheck(
            count: 300, input: Random.lines, Random.shipping, Random.promotionSeeds, Gen.int(in: 0...1_000)
        ) { lines, shipping, seeds, seed in
            let promotions = Random.promotions(seeds)
            let cart = Random.cart(lines, shipping: shipping, promotions: promotions, seed: seed)
            let outcome = DiscountEngine.apply(promotions, to: cart)

            for line in cart.lines {
                let discount = outcome.discount(forLine: line.lineID).amount
                #expect(discount >= 0)
                #expect(discount <= line.unitPrice.amount * Int64(line.quantity))
            }
            #expect(outcome.shippingDiscount.amount >= 0)
            #expect(outcome.shippingDiscount.amount <= Int64(shipping ?? 0))
        }
    }

    @Test("each applied promotion's parts add up exactly to its total, and the totals to the outcome's")
    func partsAddUp() async {
        await propertyCheck(
            count: 300, input: Random.lines, Random.shipping, Random.promotionSeeds, Gen.int(in: 0...1_000)
        ) { lines, shipping, seeds, seed in
            let promotions = Random.promotions(seeds)
            let cart = Random.cart(lines, shipping: shipping, promotions: promotions, seed: seed)
            let outcome = DiscountEngine.apply(promotions, to: cart)

            for applied in outcome.applied {
                #expect(applied.discounts.allSatisfy { $0.amount.isPositive && $0.amount.currency == .eur })
                #expect(applied.discounts.map(\.amount.amount).reduce(0, +) == applied.total.amount)
            }
            #expect(outcome.totalDiscount.amount == outcome.applied.map(\.total.amount).reduce(0, +))
            let perTarget =
                cart.lines.map { outcome.discount(forLine: $0.lineID).amount }.reduce(0, +)
                + outcome.shippingDiscount.amount
            #expect(perTarget == outcome.totalDiscount.amount)
            #expect(outcome.applied.count + outcome.notApplied.count == promotions.count)
        }
    }

    @Test("no promotion gives more than what is left of its budget")
    func budgetsRespected() async {
        await propertyCheck(
            count: 300, input: Random.lines, Random.shipping, Random.promotionSeeds, Gen.int(in: 0...1_000)
        ) { lines, shipping, seeds, seed in
            let promotions = Random.promotions(seeds)
            let cart = Random.cart(lines, shipping: shipping, promotions: promotions, seed: seed)
            let outcome = DiscountEngine.apply(promotions, to: cart)

            for applied in outcome.applied {
                let promotion = promotions.first { $0.id == applied.promotionID }
                guard let promotion, let maximum = promotion.budget.maxDiscount else { continue }
                let given = cart.usage[promotion.id]?.discountGiven.amount ?? 0
                #expect(applied.total.amount <= maximum.amount - given)
                if let maxUses = promotion.budget.maxUses { #expect((cart.usage[promotion.id]?.uses ?? 0) < maxUses) }
            }
        }
    }

    @Test("shuffling the promotions never changes the outcome")
    func orderIndependent() async {
        await propertyCheck(
            count: 300, input: Random.lines, Random.shipping, Random.promotionSeeds, Gen.int(in: 0...1_000)
        ) { lines, shipping, seeds, seed in
            let promotions = Random.promotions(seeds)
            let cart = Random.cart(lines, shipping: shipping, promotions: promotions, seed: seed)

            let outcome = DiscountEngine.apply(promotions, to: cart)
            let shuffled = DiscountEngine.apply(Random.shuffled(promotions, seed: seed), to: cart)
            #expect(outcome == shuffled)
        }
    }

    @Test("after an exclusive promotion applies, nothing else does")
    func exclusiveAlone() async {
        await propertyCheck(
            count: 300, input: Random.lines, Random.shipping, Random.promotionSeeds, Gen.int(in: 0...1_000)
        ) { lines, shipping, seeds, seed in
            let promotions = Random.promotions(seeds)
            let cart = Random.cart(lines, shipping: shipping, promotions: promotions, seed: seed)
            let outcome = DiscountEngine.apply(promotions, to: cart)

            let exclusive = Set(promotions.filter { $0.stacking == .exclusive }.map(\.id))
            if let index = outcome.applied.firstIndex(where: { exclusive.contains($0.promotionID) }) {
                #expect(index == 0)
                #expect(outcome.applied.count == 1)
            }
        }
    }
}
