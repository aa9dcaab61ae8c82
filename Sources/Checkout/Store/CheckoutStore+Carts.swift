import Foundation
import Persistence
import SQLKit
import TorvCore

extension CheckoutStore {
    static let cartColumns = """
        id, channel, currency, customer_id, status, email, phone, shipping_address, billing_address,
        delivery_kind, delivery_ref, order_reference, merged_into, created_at, updated_at, closed_at, coupon_codes
        """

    /// The cart row without its lines.
    static func cartHeader(from row: any SQLRow) throws -> Cart {
        let table = "checkout_carts"
        var delivery: DeliveryChoice?
        switch (try row.optionalString("delivery_kind"), try row.optionalString("delivery_ref")) {
        case ("shipping"?, let ref?):
            guard let method = ShippingMethodID(ref) else {
                throw PersistenceError.corruptRow(table: table, detail: "bad delivery_ref \(ref)")
            }
            delivery = .shipping(method)
        case ("pickup"?, let ref?): delivery = .pickup(locationID: ref)
        default: delivery = nil
        }
        return Cart(
            id: try row.id("id", as: CartID.self, table: table), channel: try row.string("channel"),
            currency: try row.currency("currency"), customerID: try row.optionalString("customer_id"),
            status: try row.enumeration("status", as: CartStatus.self, table: table), lines: [],
            email: try row.optionalString("email"), phone: try row.optionalString("phone"),
            shippingAddress: try row.optionalString("shipping_address").map { try decodeJSON(Address.self, $0) },
            billingAddress: try row.optionalString("billing_address").map { try decodeJSON(Address.self, $0) },
            delivery: delivery, orderReference: try row.optionalString("order_reference"),
            mergedInto: try row.optionalID("merged_into", as: CartID.self, table: table),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"),
            closedAt: try row.optionalDate("closed_at"),
            couponCodes: try decodeJSON([String].self, try row.string("coupon_codes")))
    }

    static func withLines(_ header: Cart?, on db: any SQLDatabase) async throws -> Cart? {
        guard var cart = header else { return nil }
        cart.lines = try await lines(of: cart.id, on: db)
        return cart
    }

    static func lines(of cartID: CartID, on db: any SQLDatabase) async throws -> [CartLine] {
        try await db.raw(
            """
            SELECT id, variant_id, offer_id, quantity, created_at FROM checkout_cart_lines
            WHERE cart_id = \(bind: cartID.rawValue) ORDER BY created_at, id
            """
        ).all().map { row in
            CartLine(
                id: try row.id("id", as: CartLineID.self, table: "checkout_cart_lines"),
                variantID: try row.string("variant_id"),
                offerID: try row.string("offer_id").isEmpty ? nil : try row.string("offer_id"),
                quantity: try row.int("quantity"),
                addedAt: try row.date("created_at"))
        }
    }

    /// The cart if `access` may see it, in any status.
    static func cart(_ id: CartID, access: CartAccess, on db: any SQLDatabase) async throws -> Cart? {
        let header = try await db.raw(
            "SELECT \(unsafeRaw: cartColumns) FROM checkout_carts WHERE id = \(bind: id.rawValue) AND \(access.predicate)"
        ).first().map(cartHeader(from:))
        return try await withLines(header, on: db)
    }

    static func openCart(ofCustomer customerID: String, channel: String, on db: any SQLDatabase) async throws -> Cart? {
        let header = try await db.raw(
            """
            SELECT \(unsafeRaw: cartColumns) FROM checkout_carts
            WHERE customer_id = \(bind: customerID) AND channel = \(bind: channel) AND status = 'open'
            """
        ).first().map(cartHeader(from:))
        return try await withLines(header, on: db)
    }

    /// Inserts a new open cart; `false` when the customer already has an open cart in the channel.
    static func insert(_ cart: Cart, tokenHash: String?, on db: any SQLDatabase) async throws -> Bool {
        let now = cart.createdAt.epochMicroseconds
        return try await !db.raw(
            """
            INSERT INTO checkout_carts (id, channel, currency, customer_id, guest_token_hash, status, created_at, updated_at)
            VALUES (\(bind: cart.id.rawValue), \(bind: cart.channel), \(bind: cart.currency.code),
                    \(bind: cart.customerID), \(bind: tokenHash), 'open', \(bind: now), \(bind: now))
            ON CONFLICT DO NOTHING
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Stamps an open cart the caller may change and returns it, or `nil` when there is none. On
    /// PostgreSQL the update locks the row until commit, which serialises every change to one cart:
    /// the line count and quantities read after it are the latest.
    static func lockOpen(
        _ id: CartID, access: CartAccess, now: Date, on db: any SQLDatabase
    ) async throws -> Cart? {
        let header = try await db.raw(
            """
            UPDATE checkout_carts SET updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'open' AND \(access.predicate)
            RETURNING \(unsafeRaw: cartColumns)
            """
        ).first().map(cartHeader(from:))
        return try await withLines(header, on: db)
    }

    /// Adds `quantity` to the variant's line, creating it if needed, unless the sum would pass `maximum`.
    /// Returns the line's new quantity, or `nil` when the guard refused.
    static func addQuantity(
        _ quantity: Int, ofVariant variantID: String, offer offerID: String?, to cartID: CartID,
        newLineID: CartLineID, maximum: Int, now: Date, on db: any SQLDatabase
    ) async throws -> Int? {
        // One statement: the unique key turns a concurrent first add into an update of the same row,
        // and the guard is evaluated against the newest quantity.
        try await db.raw(
            """
            INSERT INTO checkout_cart_lines (id, cart_id, variant_id, offer_id, quantity, created_at, updated_at)
            VALUES (\(bind: newLineID.rawValue), \(bind: cartID.rawValue), \(bind: variantID), \(bind: offerID ?? ""),
                    \(bind: quantity), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT (cart_id, variant_id, offer_id) DO UPDATE
                SET quantity = checkout_cart_lines.quantity + excluded.quantity, updated_at = excluded.updated_at
                WHERE checkout_cart_lines.quantity + excluded.quantity <= \(bind: maximum)
            RETURNING quantity
            """
        ).first().map { try $0.int("quantity") }
    }

    /// Adds up to `quantity`, capping the line at `maximum` (used by merges, which must not fail a sign-in).
    static func addCapped(
        _ quantity: Int, ofVariant variantID: String, offer offerID: String?, to cartID: CartID,
        newLineID: CartLineID, maximum: Int, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO checkout_cart_lines (id, cart_id, variant_id, offer_id, quantity, created_at, updated_at)
            VALUES (\(bind: newLineID.rawValue), \(bind: cartID.rawValue), \(bind: variantID), \(bind: offerID ?? ""),
                    \(bind: min(quantity, maximum)), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT (cart_id, variant_id, offer_id) DO UPDATE
                SET quantity = CASE WHEN checkout_cart_lines.quantity + excluded.quantity > \(bind: maximum)
                                    THEN \(bind: maximum) ELSE checkout_cart_lines.quantity + excluded.quantity END,
                    updated_at = excluded.updated_at
            """
        ).run()
    }

    static func setQuantity(
        _ quantity: Int, of lineID: CartLineID, in cartID: CartID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE checkout_cart_lines SET quantity = \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: lineID.rawValue) AND cart_id = \(bind: cartID.rawValue)
            RETURNING id
            """
        ).all().isEmpty
    }

    static func deleteLine(_ lineID: CartLineID, in cartID: CartID, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            DELETE FROM checkout_cart_lines WHERE id = \(bind: lineID.rawValue) AND cart_id = \(bind: cartID.rawValue)
            RETURNING id
            """
        ).all().isEmpty
    }
}
