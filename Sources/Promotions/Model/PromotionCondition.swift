public import Foundation
public import TorvCore

/// One requirement a cart must meet before a promotion applies; a promotion's conditions must all hold.
public enum PromotionCondition: Sendable, Hashable, Codable {
    /// The cart is sold through one of these channels.
    case channels(Set<String>)
    /// The customer belongs to at least one of these groups.
    case customerGroups(Set<String>)
    /// The customer buys for one of these companies.
    case companies(Set<String>)
    /// The in-scope lines add up to at least this, before any discount.
    case minimumSubtotal(Money)
    /// The in-scope lines hold at least this many units.
    case minimumQuantity(Int)
    /// The customer has never ordered before.
    case firstOrder
    /// The cart is priced at or after `from` and before `until`; a missing end is open.
    case window(from: Date?, until: Date?)
    /// The cart carries a valid coupon for this promotion (validity is checked where coupons live).
    case coupon
}
