import Foundation
import Persistence
import SQLKit
import TorvCore

extension CheckoutStore {
    /// Replaces one detail column (contact, address, delivery) of a cart already locked by ``lockOpen``.
    static func setDetails(
        of cartID: CartID, _ assignments: SQLQueryString, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE checkout_carts SET \(assignments), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: cartID.rawValue) AND status = 'open'
            """
        ).run()
    }

    /// open → checked_out, once. Returns the cart row, or `nil` when it was not open or had no lines.
    static func checkOut(
        _ id: CartID, orderReference: String, now: Date, on db: any SQLDatabase
    ) async throws -> Cart? {
        let header = try await db.raw(
            """
            UPDATE checkout_carts SET status = 'checked_out', order_reference = \(bind: orderReference),
                closed_at = \(bind: now.epochMicroseconds), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'open'
              AND EXISTS (SELECT 1 FROM checkout_cart_lines l WHERE l.cart_id = \(bind: id.rawValue))
            RETURNING \(unsafeRaw: cartColumns)
            """
        ).first().map(cartHeader(from:))
        return try await withLines(header, on: db)
    }

    /// open guest cart → merged into `target`, once.
    static func markMerged(_ id: CartID, into target: CartID, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE checkout_carts SET status = 'merged', merged_into = \(bind: target.rawValue),
                closed_at = \(bind: now.epochMicroseconds), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'open' AND customer_id IS NULL
            RETURNING id
            """
        ).all().isEmpty
    }

    /// An open guest cart becomes the customer's; its token stops working.
    static func adopt(_ id: CartID, by customerID: String, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE checkout_carts SET customer_id = \(bind: customerID), guest_token_hash = NULL,
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: id.rawValue) AND status = 'open' AND customer_id IS NULL
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Closes up to `limit` open guest carts untouched since `cutoff`, oldest first, and returns them as
    /// they were. On PostgreSQL rows locked by a concurrent change are skipped: that cart is not idle.
    static func abandonIdleGuestCarts(
        before cutoff: Date, limit: Int, now: Date, on db: any SQLDatabase
    ) async throws -> [Cart] {
        let lock = db.backend == .postgres ? SQLRaw("FOR UPDATE SKIP LOCKED") : SQLRaw("")
        let headers = try await db.raw(
            """
            UPDATE checkout_carts SET status = 'abandoned', closed_at = \(bind: now.epochMicroseconds)
            WHERE id IN (
                SELECT id FROM checkout_carts
                WHERE status = 'open' AND customer_id IS NULL AND updated_at < \(bind: cutoff.epochMicroseconds)
                ORDER BY updated_at, id LIMIT \(bind: limit) \(lock)
            )
            AND status = 'open' AND updated_at < \(bind: cutoff.epochMicroseconds)
            RETURNING \(unsafeRaw: cartColumns)
            """
        ).all().map(cartHeader(from:))
        var carts: [Cart] = []
        for header in headers {
            if let cart = try await withLines(header, on: db) { carts.append(cart) }
        }
        return carts.sorted { $0.updatedAt == $1.updatedAt ? $0.id < $1.id : $0.updatedAt < $1.updatedAt }
    }
}
