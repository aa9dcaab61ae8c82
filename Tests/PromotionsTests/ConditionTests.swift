import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct ConditionTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var conditions: [PromotionCondition]
        var scope: LineScope = .everything
        var cart: PromotionCart
        /// `nil` when the promotion must apply.
        var reason: SkipReason?
        var message: String?
        var testDescription: String { name }
    }

    static let day: TimeInterval = 86_400
    static let cart = PromotionCart.fixture([.fixture("a", price: 1800, quantity: 2), .fixture("b", price: 200)])

    static let examples: [Example] = [
        Example(
            name: "a window that starts tomorrow says when", conditions: [.window(from: friday + day, until: nil)],
            cart: cart, reason: .notStarted(from: friday + day), message: "Starts on 2026-11-28 00:00 UTC"),
        Example(
            name: "a window starts inclusively", conditions: [.window(from: friday, until: nil)], cart: cart),
        Example(
            name: "a window ends exclusively", conditions: [.window(from: nil, until: friday)], cart: cart,
            reason: .ended(until: friday), message: "Ended on 2026-11-27 00:00 UTC"),
        Example(
            name: "another channel is refused", conditions: [.channels(["pos"])], cart: cart, reason: .wrongChannel,
            message: "Not available in this shop"),
        Example(name: "the cart's channel is accepted", conditions: [.channels(["web", "pos"])], cart: cart),
        Example(
            name: "a customer outside the group is refused", conditions: [.customerGroups(["B2B"])], cart: cart,
            reason: .customerGroup(["B2B"]), message: "Only for the B2B group"),
        Example(
            name: "a customer in one of the groups is accepted", conditions: [.customerGroups(["B2B", "VIP"])],
            cart: .fixture(cart.lines, groups: ["VIP"])),
        Example(
            name: "a shopper without a company is refused", conditions: [.companies(["com_1"])], cart: cart,
            reason: .company, message: "Only for selected business customers"),
        Example(
            name: "a listed company is accepted", conditions: [.companies(["com_1"])],
            cart: .fixture(cart.lines, company: "com_1")),
        Example(
            name: "a subtotal below the minimum says how much is missing", conditions: [.minimumSubtotal(eur(5000))],
            cart: cart, reason: .minimumSubtotal(missing: eur(1200)), message: "Spend €12.00 more on eligible items"),
        Example(name: "a subtotal at the minimum is enough", conditions: [.minimumSubtotal(eur(3800))], cart: cart),
        Example(
            name: "the minimum subtotal counts only in-scope lines", conditions: [.minimumSubtotal(eur(3800))],
            scope: LineScope(productIDs: ["prod_a"]), cart: cart, reason: .minimumSubtotal(missing: eur(200))),
        Example(
            name: "too few units says how many are missing", conditions: [.minimumQuantity(5)], cart: cart,
            reason: .minimumQuantity(missing: 2), message: "Add 2 more eligible items"),
        Example(
            name: "a returning customer is refused a first-order promotion", conditions: [.firstOrder], cart: cart,
            reason: .notFirstOrder, message: "Only for your first order"),
        Example(
            name: "a first order is accepted", conditions: [.firstOrder], cart: .fixture(cart.lines, firstOrder: true)),
        Example(
            name: "a coupon promotion without its coupon is refused", conditions: [.coupon], cart: cart,
            reason: .couponRequired, message: "Needs a coupon code"),
        Example(
            name: "a coupon promotion with its coupon applies", conditions: [.coupon],
            cart: .fixture(cart.lines, coupons: ["promo_x"])),
        Example(
            name: "a scope that matches no line is refused", conditions: [],
            scope: LineScope(categoryIDs: ["cat_shoes"]), cart: cart, reason: .noEligibleLines,
            message: "No item in the cart is eligible"),
        Example(
            name: "the hardest gate is reported first", conditions: [.minimumSubtotal(eur(9000)), .channels(["pos"])],
            cart: cart, reason: .wrongChannel),
    ]

    @Test("every condition admits the carts that meet it and names what the others miss", arguments: examples)
    func condition(_ example: Example) {
        let promotion = Promotion.fixture(
            "promo_x", .percentOff(basisPoints: 1000), conditions: example.conditions, scope: example.scope)
        let outcome = DiscountEngine.apply([promotion], to: example.cart)

        if let reason = example.reason {
            #expect(outcome.applied.isEmpty)
            #expect(outcome.reason(of: "promo_x") == reason)
            if let message = example.message { #expect(reason.message == message) }
        } else {
            #expect(outcome.applied.map(\.promotionID) == ["promo_x"])
            #expect(outcome.notApplied.isEmpty)
        }
    }

    @Test("a promotion with amounts in another currency is skipped, not converted")
    func currencyMismatch() {
        let promotion = Promotion.fixture("promo_usd", .amountOffOrder(Money(minorUnits: 500, currency: .usd)))
        let outcome = DiscountEngine.apply([promotion], to: Self.cart)

        #expect(outcome.reason(of: "promo_usd") == .currencyMismatch(expected: .eur, found: .usd))
        #expect(outcome.reason(of: "promo_usd")?.message == "Only for carts in USD")
    }

    @Test("every skip reason has a distinct stable code")
    func codes() {
        let reasons: [SkipReason] = [
            .notStarted(from: friday), .ended(until: friday), .wrongChannel, .customerGroup([]), .company,
            .minimumSubtotal(missing: eur(1)), .minimumQuantity(missing: 1), .notFirstOrder, .couponRequired,
            .noEligibleLines, .currencyMismatch(expected: .eur, found: .usd),
            .excludedBy(promotionID: "p", label: "l"), .notCombinable(withPromotionID: "p", label: "l"),
            .budgetExhausted, .usesExhausted, .customerLimitReached, .nothingLeftToDiscount,
            .nextTier(missing: eur(1), basisPoints: 1),
        ]
        #expect(Set(reasons.map(\.code)).count == reasons.count)
        #expect(reasons.allSatisfy { !$0.message.isEmpty })
    }
}
