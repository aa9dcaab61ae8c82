public import Foundation
public import TorvCore

/// Everything the engine needs to know about a cart, its shopper and the moment of pricing.
///
/// The moment is part of the input (``at``) rather than read from a clock, so quoting the same cart twice
/// gives the same answer and windows are testable without waiting.
public struct PromotionCart: Sendable, Hashable, Codable {
    public var currency: Currency
    public var channel: String
    public var customerID: String?
    public var customerGroups: Set<String>
    public var companyID: String?
    public var isFirstOrder: Bool
    public var at: Date
    /// The promotions that the cart's coupons unlock; the coupons themselves are checked where they live.
    public var couponPromotionIDs: Set<String>
    public var lines: [PromotionLine]
    /// The shipping price before discounts; `nil` while no shipping is chosen.
    public var shipping: Money?
    /// Usage per promotion ID, so budgets already spent elsewhere are respected when quoting.
    public var usage: [String: PromotionUsage]

    public init(
        currency: Currency,
        channel: String,
        customerID: String? = nil,
        customerGroups: Set<String> = [],
        companyID: String? = nil,
        isFirstOrder: Bool = false,
        at: Date,
        couponPromotionIDs: Set<String> = [],
        lines: [PromotionLine],
        shipping: Money? = nil,
        usage: [String: PromotionUsage] = [:]
    ) {
        self.currency = currency
        self.channel = channel
        self.customerID = customerID
        self.customerGroups = customerGroups
        self.companyID = companyID
        self.isFirstOrder = isFirstOrder
        self.at = at
        self.couponPromotionIDs = couponPromotionIDs
        self.lines = lines
        self.shipping = shipping
        self.usage = usage
    }
}
