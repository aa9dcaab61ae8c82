public import Foundation
public import TorvCore

/// The rules a group deal must follow before it opens.
///
/// The tier rules are what let participants authorise their join price safely: tiers fall as participants
/// rise, and only the first may start at or below the tipping point (below it the deal has not tipped, and at
/// it one tier is enough), so the price can only fall after tipping, when leaving is no longer allowed.
public enum GroupDealRules {
    /// Every problem at once, as field errors with JSON pointers into the deal's snake_case form. `now` is the
    /// server's clock, against which the deadline must lie ahead.
    public static func validate(_ deal: NewGroupDeal, now: Date) -> [FieldError] {
        var errors: [FieldError] = []
        let title = deal.title.trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || deal.title.count > 200 { errors.append(PromotionsError.invalidTitle.at("/title")) }
        for (value, pointer) in [(deal.productID, "/product_id"), (deal.variantID, "/variant_id"), (deal.sku, "/sku")]
        where value.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            errors.append(PromotionsError.catalogReferenceRequired.at(pointer))
        }
        if !deal.regularPrice.isPositive { errors.append(PromotionsError.amountMustBePositive.at("/regular_price")) }
        if !(2...10_000).contains(deal.minParticipants) {
            errors.append(PromotionsError.invalidMinParticipants.at("/min_participants"))
        }
        if let maximum = deal.maxParticipants, maximum < deal.minParticipants {
            errors.append(PromotionsError.maxBelowMin.at("/max_participants"))
        }
        if !(1...100).contains(deal.maxQuantityPerParticipant) {
            errors.append(PromotionsError.invalidMaxQuantity.at("/max_quantity_per_participant"))
        }
        errors += tierErrors(deal)
        if deal.deadline <= deal.opensAt { errors.append(PromotionsError.emptyWindow.at("/deadline")) }
        if deal.deadline <= now { errors.append(PromotionsError.expiryInPast.at("/deadline")) }
        if !(1...3_650).contains(deal.voucherValidDays) {
            errors.append(PromotionsError.invalidVoucherValidity.at("/voucher_valid_days"))
        }
        return errors
    }

    /// Throws every problem together, for callers that only want to know whether they may save.
    public static func requireValid(_ deal: NewGroupDeal, now: Date) throws(ValidationError) {
        let errors = validate(deal, now: now)
        guard errors.isEmpty else { throw ValidationError(errors) }
    }

    private static func tierErrors(_ deal: NewGroupDeal) -> [FieldError] {
        guard !deal.tiers.isEmpty else { return [PromotionsError.tiersRequired.at("/tiers")] }
        var errors: [FieldError] = []
        for (index, tier) in deal.tiers.enumerated() {
            let price = "/tiers/\(index)/unit_price"
            let from = "/tiers/\(index)/from_participants"
            if !tier.unitPrice.isPositive {
                errors.append(PromotionsError.amountMustBePositive.at(price))
            } else if tier.unitPrice.currency != deal.regularPrice.currency {
                errors.append(PromotionsError.mixedCurrencies.at(price))
            } else if tier.unitPrice.amount > deal.regularPrice.amount {
                errors.append(PromotionsError.tierAboveRegularPrice.at(price))
            }
            if let maximum = deal.maxParticipants, tier.fromParticipants > maximum {
                errors.append(PromotionsError.tierBeyondMaximum.at(from))
            }
            guard index > 0 else {
                if !(1...max(deal.minParticipants, 1)).contains(tier.fromParticipants) {
                    errors.append(PromotionsError.invalidFirstTier.at(from))
                }
                continue
            }
            let previous = deal.tiers[index - 1]
            if tier.fromParticipants <= previous.fromParticipants {
                errors.append(PromotionsError.tiersNotAscending.at(from))
            } else if tier.fromParticipants <= deal.minParticipants {
                errors.append(PromotionsError.tierBelowMinimum.at(from))
            }
            if tier.unitPrice.currency == previous.unitPrice.currency,
                tier.unitPrice.amount >= previous.unitPrice.amount
            {
                errors.append(PromotionsError.tierPriceNotDescending.at(price))
            }
        }
        return errors
    }
}
