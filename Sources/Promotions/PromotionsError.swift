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
    // Coupons and redemptions (stored promotions).
    case invalidCouponCode
    case couponCodeTaken(String)
    case invalidCouponCount
    case invalidLimit
    case expiryInPast
    case promotionNotFound
    case couponNotFound
    case couponInactive
    case couponExpired
    /// Every use of the code is taken.
    case couponExhausted
    /// This customer has used the code as often as they may.
    case couponCustomerLimitReached
    /// The code belongs to a promotion of another sales channel.
    case couponWrongChannel
    /// The promotion's budget or uses ran out between quoting the cart and placing the order.
    case promotionExhausted(label: String)
    case promotionCustomerLimitReached(label: String)
    // Campaigns.
    case unknownTimeZone
    case invalidLocalTime
    case announcedAfterStart
    case campaignNotFound
    // Group deals: definitions.
    case invalidTitle
    case catalogReferenceRequired
    case tierPriceNotDescending
    case tierAboveRegularPrice
    case invalidFirstTier
    case tierBelowMinimum
    case tierBeyondMaximum
    case invalidMinParticipants
    case maxBelowMin
    case invalidMaxQuantity
    case invalidVoucherValidity
    // Group deals: joining, leaving and vouchers.
    case groupDealNotFound
    case groupDealNotOpen
    /// The deadline has passed by the server's clock, whatever the shopper's page still shows.
    case groupDealClosed
    case groupDealFull
    case groupDealAlreadyJoined
    case groupDealQuantityLimit
    case groupDealSettled
    /// Leaving a deal that has tipped is refused: the others were promised the deal and its price.
    case groupDealTipped
    case groupDealNotJoined
    case voucherNotFound
    case voucherAlreadyRedeemed
    case voucherExpired

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
        case .invalidCouponCode: "invalid_coupon_code"
        case .couponCodeTaken: "coupon_code_taken"
        case .invalidCouponCount: "invalid_coupon_count"
        case .invalidLimit: "invalid_limit"
        case .expiryInPast: "expiry_in_past"
        case .promotionNotFound: "promotion_not_found"
        case .couponNotFound: "coupon_not_found"
        case .couponInactive: "coupon_inactive"
        case .couponExpired: "coupon_expired"
        case .couponExhausted: "coupon_exhausted"
        case .couponCustomerLimitReached: "coupon_customer_limit_reached"
        case .couponWrongChannel: "coupon_wrong_channel"
        case .promotionExhausted: "promotion_exhausted"
        case .promotionCustomerLimitReached: "promotion_customer_limit_reached"
        case .unknownTimeZone: "unknown_time_zone"
        case .invalidLocalTime: "invalid_local_time"
        case .announcedAfterStart: "announced_after_start"
        case .campaignNotFound: "campaign_not_found"
        case .invalidTitle: "invalid_title"
        case .catalogReferenceRequired: "catalog_reference_required"
        case .tierPriceNotDescending: "tier_price_not_descending"
        case .tierAboveRegularPrice: "tier_above_regular_price"
        case .invalidFirstTier: "invalid_first_tier"
        case .tierBelowMinimum: "tier_below_minimum"
        case .tierBeyondMaximum: "tier_beyond_maximum"
        case .invalidMinParticipants: "invalid_min_participants"
        case .maxBelowMin: "max_below_min"
        case .invalidMaxQuantity: "invalid_max_quantity"
        case .invalidVoucherValidity: "invalid_voucher_valid_days"
        case .groupDealNotFound: "group_deal_not_found"
        case .groupDealNotOpen: "group_deal_not_open"
        case .groupDealClosed: "group_deal_closed"
        case .groupDealFull: "group_deal_full"
        case .groupDealAlreadyJoined: "group_deal_already_joined"
        case .groupDealQuantityLimit: "group_deal_quantity_limit"
        case .groupDealSettled: "group_deal_settled"
        case .groupDealTipped: "group_deal_tipped"
        case .groupDealNotJoined: "group_deal_not_joined"
        case .voucherNotFound: "voucher_not_found"
        case .voucherAlreadyRedeemed: "voucher_already_redeemed"
        case .voucherExpired: "voucher_expired"
        }
    }

    public var kind: ErrorKind {
        switch self {
        case .promotionNotFound, .couponNotFound, .campaignNotFound, .groupDealNotFound, .groupDealNotJoined,
            .voucherNotFound:
            .notFound
        case .couponCodeTaken, .groupDealAlreadyJoined, .voucherAlreadyRedeemed: .conflict
        case .couponInactive, .couponExpired, .couponExhausted, .couponCustomerLimitReached, .couponWrongChannel,
            .promotionExhausted, .promotionCustomerLimitReached, .groupDealNotOpen, .groupDealClosed, .groupDealFull,
            .groupDealQuantityLimit, .groupDealSettled, .groupDealTipped, .voucherExpired:
            .unprocessable
        default: .invalid
        }
    }

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
        case .invalidCouponCode: "must be 3 to 40 letters, digits or dashes"
        case .couponCodeTaken(let code): "\(code) is already a coupon code"
        case .invalidCouponCount: "must be 1 to 10000 codes, given or generated"
        case .invalidLimit: "must be at least 1, or left out for no limit"
        case .expiryInPast: "must be in the future"
        case .promotionNotFound: "No promotion has this ID."
        case .couponNotFound: "No coupon has this code."
        case .couponInactive: "This coupon has been switched off."
        case .couponExpired: "This coupon has expired."
        case .couponExhausted: "This coupon has been used as often as it may be."
        case .couponCustomerLimitReached: "You have already used this coupon as often as you may."
        case .couponWrongChannel: "This coupon is not valid in this shop channel."
        case .promotionExhausted(let label):
            "\(label) has just run out; the cart is priced again without it."
        case .promotionCustomerLimitReached(let label): "You have already had \(label) as often as you may."
        case .unknownTimeZone: "must be a time zone such as Europe/Stockholm"
        case .invalidLocalTime: "must be a local date and time such as 2027-11-26T00:00"
        case .announcedAfterStart: "must not be after the start"
        case .campaignNotFound: "No campaign has this ID."
        case .invalidTitle: "must be 1 to 200 characters"
        case .catalogReferenceRequired: "must name the product, variant and SKU on offer"
        case .tierPriceNotDescending: "must be lower than the previous tier's price"
        case .tierAboveRegularPrice: "must not be more than the regular price"
        case .invalidFirstTier:
            "must be from 1 up to the minimum number of participants, so the deal has a price when it tips"
        case .tierBelowMinimum: "must be above the minimum number of participants, or it could never be the final price"
        case .tierBeyondMaximum: "must not be more than the maximum number of participants"
        case .invalidMinParticipants: "must be 2 to 10000 participants"
        case .maxBelowMin: "must be at least the minimum number of participants, or left out for no limit"
        case .invalidMaxQuantity: "must be 1 to 100 units"
        case .invalidVoucherValidity: "must be 1 to 3650 days"
        case .groupDealNotFound: "No group deal has this ID."
        case .groupDealNotOpen: "This group deal has not opened yet."
        case .groupDealClosed: "This group deal's deadline has passed."
        case .groupDealFull: "This group deal is full."
        case .groupDealAlreadyJoined: "You have already joined this group deal."
        case .groupDealQuantityLimit: "You cannot buy this many units in this group deal."
        case .groupDealSettled: "This group deal has ended."
        case .groupDealTipped: "This group deal has tipped; everyone in it is now buying."
        case .groupDealNotJoined: "You are not in this group deal."
        case .voucherNotFound: "No voucher has this code."
        case .voucherAlreadyRedeemed: "This voucher has already been redeemed."
        case .voucherExpired: "This voucher has expired."
        }
    }

    func at(_ pointer: String) -> FieldError {
        FieldError(pointer: pointer, message: message, code: code)
    }
}
