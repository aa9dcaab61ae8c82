public import Catalog
public import Checkout
import Foundation
import Identity
public import Inventory
import Persistence
import SQLKit
import Sellers
public import TorvCore

/// The shopper's cart across modules: Checkout keeps the lines, Catalog says what they cost and
/// whether they can be bought, Inventory whether there is stock, and every answer is a fresh
/// ``CartView``.
public enum ShoppingCarts {
    /// Opens a cart in a channel the catalogue knows, priced in a currency the shopper picked from
    /// those the shop sells in.
    public static func create(
        channel: String, currency: Currency, customer: String?, on platform: Platform
    ) async throws -> CartView {
        let checkout = platform.checkout
        let catalog = platform.catalog
        let created = try await platform.database.inTransaction { db in
            guard try await catalog.channels(on: db).contains(where: { $0.code == channel }) else {
                throw ValidationError([
                    FieldError(
                        pointer: "/channel", message: "is not a sales channel of this shop", code: "unknown_channel")
                ])
            }
            return try await checkout.createCart(channel: channel, currency: currency, customerID: customer, on: db)
        }
        var view = try await priced(created.cart, on: platform)
        view.guestToken = created.guestToken
        return view
    }

    public static func view(_ id: CartID, access: CartAccess, on platform: Platform) async throws -> CartView {
        let checkout = platform.checkout
        return try await platform.database.read { db in
            try await CartPricer(platform: platform, db: db).view(try await checkout.cart(id, access: access, on: db))
        }
    }

    /// Adds a variant the shopper can buy now in the cart's channel and currency; anything else is
    /// refused with a pointer to `/variant_id` before the cart changes.
    public static func addLine(
        variant: String, offer offerText: String? = nil, quantity: Int, to id: CartID, access: CartAccess,
        on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db, cart in
            guard let variantID = VariantID(variant) else {
                throw ValidationError([
                    FieldError(pointer: "/variant_id", message: "is not a variant ID", code: "invalid_id")
                ])
            }
            let buyer = try await CartPricer.buyerPricing(of: cart.customerID, on: platform, db: db)
            var sellerPrice: Money?
            if let offerText {
                // A seller's offer: live, of this variant, in the cart's currency, from a seller trading now.
                var found: (offer: SellerOffer, seller: Seller)?
                if let offerID = SellerOfferID(offerText) {
                    found = try await platform.sellers.offersForSale([offerID], on: db)[offerID]
                }
                switch CartPricer.sellable(
                    found, variantID: variantID.rawValue, currency: cart.currency, at: platform.clock.now())
                {
                case .success(let price): sellerPrice = price
                case .failure(let error):
                    throw ValidationError([FieldError(pointer: "/offer_id", message: error.message, code: error.code)])
                }
            }
            let context = PricingContext(
                channel: cart.channel, currency: cart.currency, customerGroups: buyer.groups,
                grantedLists: buyer.lists, quantity: max(quantity, 1), at: platform.clock.now())
            do {
                _ = try await platform.catalog.offers(
                    for: [OfferRequest(variantID: variantID, quantity: max(quantity, 1), sellerPrice: sellerPrice)],
                    in: context, on: db)[0].get()
            } catch let error as CatalogError {
                throw ValidationError([FieldError(pointer: "/variant_id", message: error.message, code: error.code)])
            }
            return try await platform.checkout.addLine(
                variantID: variantID.rawValue, offerID: offerText, quantity: quantity, to: id, access: access, on: db)
        }
    }

    public static func setQuantity(
        _ quantity: Int, of line: CartLineID, in id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db in
            try await platform.checkout.setQuantity(quantity, of: line, in: id, access: access, on: db)
        }
    }

    public static func removeLine(
        _ line: CartLineID, from id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db in
            try await platform.checkout.removeLine(line, from: id, access: access, on: db)
        }
    }

    public static func setContact(
        email: String, phone: String?, in id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db in
            try await platform.checkout.setContact(email: email, phone: phone, in: id, access: access, on: db)
        }
    }

    public static func setAddresses(
        shipping: Address, billing: Address?, in id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db in
            try await platform.checkout.setAddresses(
                shipping: shipping, billing: billing, in: id, access: access, on: db)
        }
    }

    /// Ships with a method that serves the cart's address, or collects at an active pick-up location.
    public static func setDelivery(
        _ choice: DeliveryChoice, in id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> CartView {
        try await change(id, access: access, on: platform) { db, cart in
            switch choice {
            case .pickup(let text):
                guard let locationID = StockLocationID(text),
                    let location = try? await platform.inventory.location(locationID, on: db),
                    location.offersPickup, location.isActive
                else {
                    throw ValidationError([
                        FieldError(
                            pointer: "/pickup_location_id", message: "is not a location that offers pick-up",
                            code: "pickup_unavailable")
                    ])
                }
            case .shipping(let methodID):
                let method = try await platform.checkout.shippingMethod(methodID, on: db)
                guard method.isActive, method.currency == cart.currency else {
                    throw ValidationError([
                        FieldError(
                            pointer: "/method_id", message: "is not available for this cart",
                            code: "shipping_unavailable")
                    ])
                }
            }
            return try await platform.checkout.setDelivery(choice, in: id, access: access, on: db)
        }
    }

    /// Brings a guest cart into the signed-in customer's cart (merge on login).
    public static func merge(
        guest id: CartID, token: String, into customer: String, on platform: Platform
    ) async throws -> CartView {
        let merged = try await platform.database.inTransaction { db in
            try await platform.checkout.mergeGuestCart(id, token: token, intoCustomer: customer, on: db)
        }
        return try await priced(merged, on: platform)
    }

    /// What the shopper can choose: shipping methods to the cart's address, priced for its weight
    /// and subtotal, and the active locations that offer pick-up.
    public static func deliveryOptions(
        _ id: CartID, access: CartAccess, on platform: Platform
    ) async throws -> (shipping: [ShippingOption], pickup: [StockLocation]) {
        try await platform.database.read { db in
            let cart = try await platform.checkout.cart(id, access: access, on: db)
            let view = try await CartPricer(platform: platform, db: db).view(cart)
            var shipping: [ShippingOption] = []
            if let country = cart.shippingAddress?.country, let priced = view.priced {
                shipping = try await platform.checkout.shippingOptions(
                    to: country, currency: cart.currency, weightGrams: priced.weightGrams,
                    subtotal: priced.merchandiseTotal, on: db)
            }
            let pickup = try await platform.inventory.locations(on: db).filter { $0.offersPickup && $0.isActive }
            return (shipping, pickup)
        }
    }

    /// Runs a change the Checkout facade guards itself (it locks the cart and checks `access`).
    private static func change(
        _ id: CartID, access: CartAccess, on platform: Platform,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> Cart
    ) async throws -> CartView {
        try await priced(try await platform.database.inTransaction(body), on: platform)
    }

    /// A change that must look at the cart first (its channel, currency or customer).
    private static func change(
        _ id: CartID, access: CartAccess, on platform: Platform,
        _ body: @escaping @Sendable (any SQLDatabase, Cart) async throws -> Cart
    ) async throws -> CartView {
        let changed = try await platform.database.inTransaction { db in
            try await body(db, try await platform.checkout.cart(id, access: access, on: db))
        }
        return try await priced(changed, on: platform)
    }

    /// Prices a cart after the change committed, on a read connection: the write transaction (on
    /// SQLite, the one writer) is held only for the change itself, not for the catalogue, stock, tax
    /// and shipping lookups of the view.
    private static func priced(_ cart: Cart, on platform: Platform) async throws -> CartView {
        try await platform.database.read { db in try await CartPricer(platform: platform, db: db).view(cart) }
    }
}
