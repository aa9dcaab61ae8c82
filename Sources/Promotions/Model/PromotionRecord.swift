public import Foundation
public import TorvCore

/// A promotion as the shop keeps it: the rule the engine applies, whether it is switched on, and how
/// much of its budget is spent.
public struct PromotionRecord: Sendable, Hashable, Codable, Identifiable {
    public var promotion: Promotion
    /// Switched off promotions never apply, whatever their window says.
    public var isActive: Bool
    /// Orders it was given on, not counting released ones (declined payments, cancellations).
    public var uses: Int
    /// What it took off those orders, in its budget's currency (or the first order's when it has no budget).
    public var discountGiven: Money?
    /// The sales event it belongs to: it applies only while the campaign runs.
    public var campaignID: CampaignID?
    public var createdAt: Date
    public var updatedAt: Date

    public var id: String { promotion.id }
}

/// A coupon code and the promotion it unlocks.
public struct Coupon: Sendable, Hashable, Codable, Identifiable {
    public var id: CouponID
    /// Upper-case, as shoppers may type it in any case.
    public var code: String
    public var promotionID: String
    public var batchID: CouponBatchID?
    /// Orders the code may be used on in all; `nil` for no limit.
    public var usageLimit: Int?
    /// Orders one customer may use it on; `nil` for no limit.
    public var perCustomerLimit: Int?
    public var uses: Int
    public var expiresAt: Date?
    public var isActive: Bool
    public var createdAt: Date

    public func isExpired(at now: Date) -> Bool { expiresAt.map { $0 <= now } ?? false }
}

/// What staff ask for when creating coupons: their own codes, or `count` generated ones with a prefix.
public struct NewCoupons: Sendable, Hashable {
    public var codes: [String]
    public var count: Int
    public var prefix: String
    public var usageLimit: Int?
    public var perCustomerLimit: Int?
    public var expiresAt: Date?

    public init(
        codes: [String] = [], count: Int = 0, prefix: String = "", usageLimit: Int? = nil,
        perCustomerLimit: Int? = nil, expiresAt: Date? = nil
    ) {
        self.codes = codes
        self.count = count
        self.prefix = prefix
        self.usageLimit = usageLimit
        self.perCustomerLimit = perCustomerLimit
        self.expiresAt = expiresAt
    }
}

/// One promotion given on one order, as checkout records it.
public struct PromotionGrant: Sendable, Hashable {
    public var promotionID: String
    public var amount: Money
    /// The coupon that unlocked it, when it needed one.
    public var couponCode: String?

    public init(promotionID: String, amount: Money, couponCode: String? = nil) {
        self.promotionID = promotionID
        self.amount = amount
        self.couponCode = couponCode
    }
}
