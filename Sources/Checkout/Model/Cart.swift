public import Foundation
public import TorvCore

/// Where a cart is in its life. Only an `open` cart can change.
public enum CartStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case open
    /// Turned into an order (exactly once); the order reference is kept.
    case checkedOut = "checked_out"
    /// A guest cart folded into a customer's cart at sign-in.
    case merged
    /// A guest cart nobody touched for a long time.
    case abandoned
}

/// A shopper's cart. It holds variant IDs and quantities only: prices, currency conversions and totals
/// are always recomputed by ``CartPricing`` from the catalogue, never stored or taken from a client.
public struct Cart: Sendable, Hashable, Codable, Identifiable {
    public var id: CartID
    /// The sales channel (storefront, app, marketplace) the cart belongs to.
    public var channel: String
    /// The currency the cart is priced in, chosen by the channel when the cart was created.
    public var currency: Currency
    /// Identity's customer ID; `nil` for a guest cart.
    public var customerID: String?
    public var status: CartStatus
    public var lines: [CartLine]
    public var email: String?
    public var phone: String?
    public var shippingAddress: Address?
    public var billingAddress: Address?
    public var delivery: DeliveryChoice?
    /// The order this cart became, once checked out.
    public var orderReference: String?
    /// The customer cart a merged guest cart went into.
    public var mergedInto: CartID?
    public var createdAt: Date
    public var updatedAt: Date
    /// When the cart stopped being open (checked out, merged or abandoned).
    public var closedAt: Date?
    /// Coupon codes the shopper entered, upper-case, in the order given; Flows checks them against
    /// Promotions whenever the cart is priced.
    public var couponCodes: [String] = []

    public var isGuest: Bool { customerID == nil }
    /// Units across all lines.
    public var itemCount: Int { lines.reduce(0) { $0 + $1.quantity } }

    public func line(_ id: CartLineID) -> CartLine? { lines.first { $0.id == id } }
    /// The line for a variant from the shop (`offerID == nil`) or from a marketplace seller's offer.
    public func line(forVariant variantID: String, offer offerID: String? = nil) -> CartLine? {
        lines.first { $0.variantID == variantID && $0.offerID == offerID }
    }
}

/// One variant and how many of it. The variant is Catalog's `var_…` ID, kept as a string so that
/// Checkout never depends on Catalog.
public struct CartLine: Sendable, Hashable, Codable, Identifiable {
    public var id: CartLineID
    public var variantID: String
    /// A marketplace seller's offer (`sofr_…`) the line buys from; `nil` for the shop's own stock.
    public var offerID: String?
    public var quantity: Int
    public var addedAt: Date
}

/// A new cart and, for a guest cart, its secret. The token is returned only here: the cart stores its
/// SHA-256, so a lost token cannot be recovered, only replaced by a new cart.
public struct CreatedCart: Sendable, Hashable {
    public var cart: Cart
    public var guestToken: String?
}

/// How the shopper wants the order: shipped by a method, or collected at an Inventory location.
public enum DeliveryChoice: Sendable, Hashable, Codable {
    case shipping(ShippingMethodID)
    /// An Inventory location ID; Flows checks that it exists and offers pick-up.
    case pickup(locationID: String)
}
