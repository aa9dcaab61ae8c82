public import TorvCore

/// The rules a promotion definition must follow before it is saved, and the warnings staff get about how it
/// sits next to the others.
public enum PromotionRules {
    /// Every problem of the definition at once, as field errors with JSON pointers into its snake_case form.
    public static func validate(_ promotion: Promotion) -> [FieldError] {
        var errors: [FieldError] = []
        if !promotion.id.hasPrefix("promo_") || promotion.id.count == "promo_".count {
            errors.append(PromotionsError.invalidID.at("/id"))
        }
        if !(1...200).contains(promotion.name.count) { errors.append(PromotionsError.invalidName.at("/name")) }
        if !(1...200).contains(promotion.label.count) { errors.append(PromotionsError.invalidLabel.at("/label")) }
        errors += actionErrors(promotion.action)
        errors += conditionErrors(promotion.conditions)
        errors += budgetErrors(promotion.budget)
        return errors
    }

    /// Throws every problem together, for callers that only want to know whether they may save.
    public static func requireValid(_ promotion: Promotion) throws(ValidationError) {
        let errors = validate(promotion)
        guard errors.isEmpty else { throw ValidationError(errors) }
    }

    private static func actionErrors(_ action: PromotionAction) -> [FieldError] {
        var errors: [FieldError] = []
        func percent(_ basisPoints: Int, at pointer: String) {
            if !(1...10_000).contains(basisPoints) { errors.append(PromotionsError.invalidPercentage.at(pointer)) }
        }
        func positive(_ amount: Money, at pointer: String) {
            if !amount.isPositive { errors.append(PromotionsError.amountMustBePositive.at(pointer)) }
        }
        switch action {
        case .percentOff(let basisPoints):
            percent(basisPoints, at: "/action/basis_points")
        case .amountOffOrder(let amount), .amountOffEachItem(let amount):
            positive(amount, at: "/action/amount")
        case .fixedPrice(let price):
            // Zero is a legitimate fixed price ("free with this code"); only negative prices make no sense.
            if price.isNegative { errors.append(PromotionsError.amountMustBePositive.at("/action/price")) }
        case .buyXGetY(let buy, let get, let basisPointsOff, let maxApplications):
            if buy < 1 { errors.append(PromotionsError.invalidBuyGet.at("/action/buy")) }
            if get < 1 { errors.append(PromotionsError.invalidBuyGet.at("/action/get")) }
            percent(basisPointsOff, at: "/action/basis_points_off")
            if let maxApplications, maxApplications < 1 {
                errors.append(PromotionsError.invalidMaxApplications.at("/action/max_applications"))
            }
        case .spendTiers(let tiers):
            if tiers.isEmpty { errors.append(PromotionsError.tiersRequired.at("/action/tiers")) }
            for (index, tier) in tiers.enumerated() {
                let pointer = "/action/tiers/\(index)"
                positive(tier.threshold, at: pointer + "/threshold")
                percent(tier.basisPointsOff, at: pointer + "/basis_points_off")
                guard index > 0 else { continue }
                let previous = tiers[index - 1].threshold
                if previous.currency != tier.threshold.currency {
                    errors.append(PromotionsError.mixedCurrencies.at(pointer + "/threshold"))
                } else if tier.threshold.amount <= previous.amount {
                    errors.append(PromotionsError.tiersNotAscending.at(pointer + "/threshold"))
                }
            }
        case .freeShipping:
            break
        case .freeGift(let variantID, let quantity):
            if variantID.isEmpty { errors.append(PromotionsError.giftVariantRequired.at("/action/variant_id")) }
            if quantity < 1 { errors.append(PromotionsError.invalidGiftQuantity.at("/action/quantity")) }
        }
        return errors
    }

    private static func conditionErrors(_ conditions: [PromotionCondition]) -> [FieldError] {
        var errors: [FieldError] = []
        var seenKinds: Set<String> = []
        for (index, condition) in conditions.enumerated() {
            let pointer = "/conditions/\(index)"
            // Two conditions of one kind are ANDed, which staff rarely mean ("B2B or VIP" is one set).
            if !seenKinds.insert(condition.kind).inserted {
                errors.append(PromotionsError.duplicateCondition.at(pointer))
            }
            switch condition {
            case .channels(let values), .customerGroups(let values), .companies(let values):
                if values.isEmpty { errors.append(PromotionsError.emptyConditionSet.at(pointer + "/values")) }
            case .minimumSubtotal(let minimum):
                if !minimum.isPositive { errors.append(PromotionsError.amountMustBePositive.at(pointer + "/amount")) }
            case .minimumQuantity(let minimum):
                if minimum < 1 { errors.append(PromotionsError.invalidMinimumQuantity.at(pointer + "/quantity")) }
            case .window(let from, let until):
                if let from, let until, from >= until {
                    errors.append(PromotionsError.emptyWindow.at(pointer + "/until"))
                }
            case .firstOrder, .coupon:
                break
            }
        }
        return errors
    }

    private static func budgetErrors(_ budget: PromotionBudget) -> [FieldError] {
        var errors: [FieldError] = []
        if let maximum = budget.maxDiscount, !maximum.isPositive {
            errors.append(PromotionsError.invalidBudget.at("/budget/max_discount"))
        }
        if let uses = budget.maxUses, uses < 1 { errors.append(PromotionsError.invalidBudget.at("/budget/max_uses")) }
        if let uses = budget.maxUsesPerCustomer, uses < 1 {
            errors.append(PromotionsError.invalidBudget.at("/budget/max_uses_per_customer"))
        }
        return errors
    }
}

extension PromotionCondition {
    /// The condition's case name, for spotting two of a kind.
    var kind: String {
        switch self {
        case .channels: "channels"
        case .customerGroups: "customer_groups"
        case .companies: "companies"
        case .minimumSubtotal: "minimum_subtotal"
        case .minimumQuantity: "minimum_quantity"
        case .firstOrder: "first_order"
        case .window: "window"
        case .coupon: "coupon"
        }
    }
}
