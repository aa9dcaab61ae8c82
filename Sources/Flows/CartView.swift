public import Catalog
public import Checkout
import Foundation
public import Promotions
public import Sellers
public import TorvCore

/// A cart as the shopper sees it right now: every line priced from the catalogue at this moment, taxed
/// for its destination, with shipping, and what checkout still needs. Nothing in it comes from the
/// client: prices, currency and totals are computed here on every read and every change.
public struct CartView: Sendable {
    public struct Line: Sendable {
        public var line: CartLine
        /// What the catalogue offers for this line now; nil when it cannot be bought.
        public var offer: Offer?
        public var priced: PricedLine?
        /// Why the line cannot be bought now (`product_not_published`, `out_of_stock`, …).
        public var problem: FieldError?
        /// The marketplace seller's offer the line buys, and the seller; `nil` for the shop's goods.
        public var sellerOffer: SellerOffer? = nil
        public var seller: Seller? = nil
    }

    public var cart: Cart
    public var lines: [Line]
    /// The priced cart over the lines that can be bought; nil while none can.
    public var priced: PricedCart?
    public var delivery: DeliverySummary?
    /// What checkout still needs, as field problems (`/email`, `/shipping_address`, `/lines/0`, …).
    public var missing: [FieldError]
    /// Only in the answer that created a guest cart.
    public var guestToken: String?
    /// Which promotions applied, how much each took off, and why the others did not.
    public var promotions: PromotionOutcome?
    /// The cart's coupon codes that no longer unlock anything (`/coupons/<index>`), with why.
    public var couponProblems: [FieldError] = []
    /// What checkout records against budgets and coupon limits; empty when nothing applied.
    var promotionGrants: [PromotionGrant] = []
    /// Flash-sale units the shopper holds that price this cart: what checkout takes from the sales.
    public var flashSaleUses: [FlashSaleUse] = []

    public var isReadyForCheckout: Bool { missing.isEmpty && priced != nil }
}

/// The chosen way to the shopper, in words and money.
public struct DeliverySummary: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case shipping
        case pickup
    }

    public var kind: Kind
    public var methodID: ShippingMethodID?
    public var locationID: String?
    public var name: String
    public var carrier: String?
    public var price: Money?
}
