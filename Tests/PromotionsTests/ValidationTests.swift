import Foundation
import Promotions
import Testing
import TorvCore

@Suite struct ValidationTests {
    struct Example: Sendable, CustomTestStringConvertible {
        var name: String
        var promotion: Promotion
        var errors: [FieldError]
        var testDescription: String { name }
    }

    static func error(_ pointer: String, _ problem: PromotionsError) -> FieldError {
        FieldError(pointer: pointer, message: problem.message, code: problem.code)
    }

    static let valid = Promotion.fixture("promo_ok", .percentOff(basisPoints: 1000))

    static func with(
        _ action: PromotionAction? = nil, conditions: [PromotionCondition] = [], budget: PromotionBudget = .unlimited
    ) -> Promotion {
        var promotion = valid
        promotion.action = action ?? valid.action
        promotion.conditions = conditions
        promotion.budget = budget
        return promotion
    }

    static let examples: [Example] = [
        Example(name: "a sensible promotion is valid", promotion: valid, errors: []),
        Example(
            name: "a percentage above 100 % is refused", promotion: with(.percentOff(basisPoints: 10_001)),
            errors: [error("/action/basis_points", .invalidPercentage)]),
        Example(
            name: "a zero percentage is refused", promotion: with(.percentOff(basisPoints: 0)),
            errors: [error("/action/basis_points", .invalidPercentage)]),
        Example(
            name: "a zero amount off is refused", promotion: with(.amountOffOrder(eur(0))),
            errors: [error("/action/amount", .amountMustBePositive)]),
        Example(
            name: "a negative fixed price is refused", promotion: with(.fixedPrice(eur(-1))),
            errors: [error("/action/price", .amountMustBePositive)]),
        Example(
            name: "buy and get below one are refused",
            promotion: with(.buyXGetY(buy: 0, get: 0, basisPointsOff: 10_000, maxApplications: 0)),
            errors: [
                error("/action/buy", .invalidBuyGet), error("/action/get", .invalidBuyGet),
                error("/action/max_applications", .invalidMaxApplications),
            ]),
        Example(
            name: "spend tiers must rise strictly and share a currency",
            promotion: with(
                .spendTiers([
                    SpendTier(threshold: eur(5000), basisPointsOff: 500),
                    SpendTier(threshold: eur(5000), basisPointsOff: 1000),
                    SpendTier(threshold: Money(minorUnits: 9000, currency: .usd), basisPointsOff: 1500),
                ])),
            errors: [
                error("/action/tiers/1/threshold", .tiersNotAscending),
                error("/action/tiers/2/threshold", .mixedCurrencies),
            ]),
        Example(
            name: "spend tiers cannot be empty", promotion: with(.spendTiers([])),
            errors: [error("/action/tiers", .tiersRequired)]),
        Example(
            name: "a gift needs a variant and a quantity", promotion: with(.freeGift(variantID: "", quantity: 0)),
            errors: [
                error("/action/variant_id", .giftVariantRequired), error("/action/quantity", .invalidGiftQuantity),
            ]),
        Example(
            name: "a window that ends before it starts is refused",
            promotion: with(conditions: [.window(from: friday, until: friday)]),
            errors: [error("/conditions/0/until", .emptyWindow)]),
        Example(
            name: "empty condition sets are refused",
            promotion: with(conditions: [.channels([]), .customerGroups([]), .companies([])]),
            errors: [
                error("/conditions/0/values", .emptyConditionSet), error("/conditions/1/values", .emptyConditionSet),
                error("/conditions/2/values", .emptyConditionSet),
            ]),
        Example(
            name: "minimums must be positive and a kind of condition appears once",
            promotion: with(conditions: [.minimumQuantity(0), .minimumSubtotal(eur(0)), .minimumQuantity(2)]),
            errors: [
                error("/conditions/0/quantity", .invalidMinimumQuantity),
                error("/conditions/1/amount", .amountMustBePositive),
                error("/conditions/2", .duplicateCondition),
            ]),
        Example(
            name: "budgets must be positive",
            promotion: with(budget: PromotionBudget(maxDiscount: eur(-5), maxUses: 0, maxUsesPerCustomer: -1)),
            errors: [
                error("/budget/max_discount", .invalidBudget), error("/budget/max_uses", .invalidBudget),
                error("/budget/max_uses_per_customer", .invalidBudget),
            ]),
        Example(
            name: "an ID without the promo_ prefix and blank names are refused",
            promotion: Promotion(id: "prod_1", name: "", label: "", action: .freeShipping),
            errors: [error("/id", .invalidID), error("/name", .invalidName), error("/label", .invalidLabel)]),
    ]

    @Test("validation lists every problem of a definition with its pointer and code", arguments: examples)
    func validation(_ example: Example) {
        #expect(PromotionRules.validate(example.promotion) == example.errors)
    }

    @Test("requireValid throws all problems together as one validation error")
    func requireValid() throws {
        #expect(throws: Never.self) { try PromotionRules.requireValid(Self.valid) }
        let error = #expect(throws: ValidationError.self) {
            try PromotionRules.requireValid(Self.with(.percentOff(basisPoints: 0), conditions: [.channels([])]))
        }
        #expect(error?.fieldErrors.map(\.code) == ["invalid_percentage", "empty_condition_set"])
    }
}
