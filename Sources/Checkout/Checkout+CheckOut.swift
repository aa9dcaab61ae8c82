import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Checkout {
    /// Closes an open cart as order `orderReference`, exactly once: a second or concurrent call throws
    /// `cart_already_checked_out` naming the order the first one made, so a retried checkout can find it.
    /// Access is the caller's (Flows') concern: it has read the cart with the shopper's access to price it.
    public func markCheckedOut(_ id: CartID, orderReference: String, on db: any SQLDatabase) async throws -> Cart {
        var validator = Validator()
        validator.requireText(orderReference, at: "/order_reference", maximum: 64)
        try validator.finish()
        return try await Savepoint.atomically("checkout_check_out", on: db) {
            guard let cart = try await CheckoutStore.checkOut(id, orderReference: orderReference, now: now, on: db)
            else {
                guard let existing = try await CheckoutStore.cart(id, access: .staff, on: db) else {
                    throw CheckoutError.cartNotFound
                }
                switch existing.status {
                case .open: throw CheckoutError.cartEmpty  // the guard's other condition
                case .checkedOut:
                    throw CheckoutError.cartAlreadyCheckedOut(orderReference: existing.orderReference ?? "")
                case .merged, .abandoned: throw CheckoutError.cartNotOpen(existing.status)
                }
            }
            try await outbox.append(
                CartCheckedOut(
                    cartID: cart.id, orderReference: orderReference, channel: cart.channel,
                    customerID: cart.customerID, lines: cart.snapshot),
                on: db)
            CheckoutMetrics.cartCheckedOut()
            return cart
        }
    }
}

extension Checkout {
    /// Gives a checked-out cart back to its shopper when the order it became failed before payment
    /// (a declined card): only for that order (`orderReference`), and only while the customer has no
    /// other open cart in the channel. Returns whether the cart is open again. Appends `cart.reopened`.
    @discardableResult
    public func reopen(_ id: CartID, orderReference: String, on db: any SQLDatabase) async throws -> Bool {
        let now = self.now.epochMicroseconds
        let reopened =
            try await db.raw(
                """
                UPDATE checkout_carts SET status = 'open', order_reference = NULL, closed_at = NULL,
                    updated_at = \(bind: now)
                WHERE id = \(bind: id.rawValue) AND status = 'checked_out'
                  AND order_reference = \(bind: orderReference)
                  AND (customer_id IS NULL OR NOT EXISTS (
                    SELECT 1 FROM checkout_carts other
                    WHERE other.customer_id = checkout_carts.customer_id AND other.channel = checkout_carts.channel
                      AND other.status = 'open'))
                RETURNING id
                """
            ).first() != nil
        if reopened {
            try await outbox.append(CartReopened(cartID: id, orderReference: orderReference), on: db)
        }
        return reopened
    }
}
