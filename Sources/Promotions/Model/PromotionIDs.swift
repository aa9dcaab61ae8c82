public import TorvCore

public enum PromotionPrefix: IDPrefix { public static let prefix = "promo" }
/// A stored promotion; ``Promotion/id`` carries its raw value.
public typealias PromotionID = TypedID<PromotionPrefix>

public enum CouponPrefix: IDPrefix { public static let prefix = "coup" }
/// One coupon code.
public typealias CouponID = TypedID<CouponPrefix>

public enum CouponBatchPrefix: IDPrefix { public static let prefix = "cbatch" }
/// Codes generated together (a mailing, a partner's list).
public typealias CouponBatchID = TypedID<CouponBatchPrefix>

public enum PromotionRedemptionPrefix: IDPrefix { public static let prefix = "predm" }
/// A promotion given on one order.
public typealias PromotionRedemptionID = TypedID<PromotionRedemptionPrefix>
