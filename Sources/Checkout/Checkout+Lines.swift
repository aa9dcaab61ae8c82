import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Adds `quantity` units of a variant, from the shop or from a marketplace seller's offer; a variant
    /// already in the cart from the same source gets the units added to its line. Concurrent adds to one
    /// cart are serialised by the cart row and an upsert, so none is lost.
    public func addLine(
        variantID: String, offerID: String? = nil, quantity: Int, to id: CartID, access: CartAccess,
        on db: any SQLDatabase
    ) async throws -> Cart {
        var validator = Validator()
        validator.requireText(variantID, at: "/variant_id", maximum: 64)
        if let offerID { validator.requireText(offerID, at: "/offer_id", maximum: 64) }
        validator.checkQuantity(quantity, at: "/quantity")
        try validator.finish()
        guard quantity <= maximumLineQuantity else {
            throw CheckoutError.quantityLimitExceeded(maximum: maximumLineQuantity)
        }
        return try await Savepoint.atomically("checkout_add_line", on: db) {
            let cart = try await lockOpenCart(id, access: access, on: db)
            if cart.line(forVariant: variantID, offer: offerID) == nil && cart.lines.count >= maximumLines {
                throw CheckoutError.tooManyLines(maximum: maximumLines)
            }
            let now = self.now
            guard
                try await CheckoutStore.addQuantity(
                    quantity, ofVariant: variantID, offer: offerID, to: id,
                    newLineID: CartLineID.generate(ids, at: now), maximum: maximumLineQuantity, now: now, on: db) != nil
            else { throw CheckoutError.quantityLimitExceeded(maximum: maximumLineQuantity) }
            return try await reloaded(cart, on: db)
        }
    }

    /// Sets a line's quantity; 0 removes the line.
    public func setQuantity(
        _ quantity: Int, of lineID: CartLineID, in id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        if quantity == 0 { return try await removeLine(lineID, from: id, access: access, on: db) }
        var validator = Validator()
        validator.checkQuantity(quantity, at: "/quantity")
        try validator.finish()
        guard quantity <= maximumLineQuantity else {
            throw CheckoutError.quantityLimitExceeded(maximum: maximumLineQuantity)
        }
        return try await Savepoint.atomically("checkout_set_quantity", on: db) {
            let cart = try await lockOpenCart(id, access: access, on: db)
            guard try await CheckoutStore.setQuantity(quantity, of: lineID, in: id, now: now, on: db) else {
                throw CheckoutError.lineNotFound
            }
            return try await reloaded(cart, on: db)
        }
    }

    public func removeLine(
        _ lineID: CartLineID, from id: CartID, access: CartAccess, on db: any SQLDatabase
    ) async throws -> Cart {
        try await Savepoint.atomically("checkout_remove_line", on: db) {
            let cart = try await lockOpenCart(id, access: access, on: db)
            guard try await CheckoutStore.deleteLine(lineID, in: id, on: db) else { throw CheckoutError.lineNotFound }
            return try await reloaded(cart, on: db)
        }
    }

    /// The cart with its lines as they are now, keeping the header already read under the lock.
    func reloaded(_ cart: Cart, on db: any SQLDatabase) async throws -> Cart {
        var cart = cart
        cart.lines = try await CheckoutStore.lines(of: cart.id, on: db)
        return cart
    }
}
