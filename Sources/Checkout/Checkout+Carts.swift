import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Opens a cart in `channel`, priced in `currency` (the channel's, chosen by the caller, never the
    /// client's). A guest cart (no `customerID`) comes with a secret token, returned only here. A customer
    /// who already has an open cart in the channel gets that cart back instead of a second one.
    public func createCart(
        channel: String, currency: Currency, customerID: String?, on db: any SQLDatabase
    ) async throws -> CreatedCart {
        var validator = Validator()
        validator.requireText(channel, at: "/channel", maximum: 64)
        if let customerID { validator.requireText(customerID, at: "/customer_id", maximum: 64) }
        try validator.finish()

        let now = self.now
        let token = customerID == nil ? GuestToken.generate() : nil
        let cart = Cart(
            id: CartID.generate(ids, at: now), channel: channel, currency: currency, customerID: customerID,
            status: .open, lines: [], createdAt: now, updatedAt: now)
        guard try await CheckoutStore.insert(cart, tokenHash: token.map(GuestToken.hash), on: db) else {
            // Lost to the customer's existing (or concurrently created) open cart: the unique index decided.
            guard let customerID, let existing = try await activeCart(ofCustomer: customerID, channel: channel, on: db)
            else { throw CheckoutError.cartNotFound }
            return CreatedCart(cart: existing, guestToken: nil)
        }
        try await outbox.append(
            CartCreated(cartID: cart.id, channel: channel, currency: currency, customerID: customerID), on: db)
        CheckoutMetrics.cartCreated()
        return CreatedCart(cart: cart, guestToken: token)
    }

    /// The cart, in any status, if `access` may see it; otherwise `cart_not_found`, exactly as if it did
    /// not exist.
    public func cart(_ id: CartID, access: CartAccess, on db: any SQLDatabase) async throws -> Cart {
        guard let cart = try await CheckoutStore.cart(id, access: access, on: db) else {
            throw CheckoutError.cartNotFound
        }
        return cart
    }

    /// The customer's open cart in `channel`, if any.
    public func activeCart(ofCustomer customerID: String, channel: String, on db: any SQLDatabase) async throws -> Cart?
    {
        try await CheckoutStore.openCart(ofCustomer: customerID, channel: channel, on: db)
    }

    /// Locks an open cart the caller may change, or throws what stands in the way: `cart_not_found` for a
    /// missing cart or the wrong access, `cart_already_checked_out` or `cart_not_open` for a closed one.
    func lockOpenCart(_ id: CartID, access: CartAccess, on db: any SQLDatabase) async throws -> Cart {
        if let cart = try await CheckoutStore.lockOpen(id, access: access, now: now, on: db) { return cart }
        throw try await refusal(for: id, access: access, on: db)
    }

    func refusal(for id: CartID, access: CartAccess, on db: any SQLDatabase) async throws -> CheckoutError {
        guard let cart = try await CheckoutStore.cart(id, access: access, on: db) else { return .cartNotFound }
        switch cart.status {
        case .checkedOut: return .cartAlreadyCheckedOut(orderReference: cart.orderReference ?? "")
        case .merged, .abandoned: return .cartNotOpen(cart.status)
        case .open: return .cartNotFound  // changed between the two statements; report it as gone
        }
    }
}
