public import TorvCore

/// Why a promotion definition is refused, with stable codes that clients switch on.
///
/// ``PromotionRules/validate(_:)`` reports these as field errors, each with its JSON pointer, so staff see every
/// problem of a form at once; ``PromotionRules/requireValid(_:)`` throws them together as a `ValidationError`.
public enum PromotionsError: DomainError, Hashable {
    case invalidID
    case invalidName
    case invalidLabel
    case invalidPercentage
    case amountMustBePositive
    case invalidBuyGet
    case invalidMaxApplications
    case tiersRequired
    case tiersNotAscending
    case mixedCurrencies
    case emptyWindow
    case invalidBudget
    case emptyConditionSet
    case invalidMinimumQuantity
    case duplicateCondition
    case giftVariantRequired
    case invalidGiftQuantity

    public var code: String {
        switch self {
        case .invalidID: "invalid_promotion_id"
        case .invalidName: "invalid_name"
        case .invalidLabel: "invalid_label"
        case .invalidPercentage: "invalid_percentage"
        case .amountMustBePositive: "amount_must_be_positive"
        case .invalidBuyGet: "invalid_buy_get"
        case .invalidMaxApplications: "invalid_max_applications"
        case .tiersRequired: "tiers_required"
        case .tiersNotAscending: "tiers_not_ascending"
        case .mixedCurrencies: "mixed_currencies"
        case .emptyWindow: "empty_window"
        case .invalidBudget: "invalid_budget"
        case .emptyConditionSet: "empty_condition_set"
        case .invalidMinimumQuantity: "invalid_minimum_quantity"
        case .duplicateCondition: "duplicate_condition"
        case .giftVariantRequired: "gift_variant_required"
        case .invalidGiftQuantity: "invalid_gift_quantity"
        }
    }

    public var kind: ErrorKind { .invalid }

    public var message: String {
        switch self {
        case .invalidID: "must start with promo_"
        case .invalidName: "must be 1 to 200 characters"
        case .invalidLabel: "must be 1 to 200 characters"
        case .invalidPercentage: "must be 1 to 10000 basis points (10000 = 100 %)"
        case .amountMustBePositive: "must be more than zero"
        case .invalidBuyGet: "must be at least 1"
        case .invalidMaxApplications: "must be at least 1, or left out for no limit"
        case .tiersRequired: "must contain at least one tier"
        case .tiersNotAscending: "must be higher than the previous tier's"
        case .mixedCurrencies: "must be in the same currency as the promotion's other amounts"
        case .emptyWindow: "must be after the start"
        case .invalidBudget: "must be more than zero, or left out for no limit"
        case .emptyConditionSet: "must name at least one value"
        case .invalidMinimumQuantity: "must be at least 1"
        case .duplicateCondition: "is already a condition of this promotion"
        case .giftVariantRequired: "must name the gift's variant"
        case .invalidGiftQuantity: "must be at least 1"
        }
    }

    func at(_ pointer: String) -> FieldError {
        FieldError(pointer: pointer, message: message, code: code)
    }
}
