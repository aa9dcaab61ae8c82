import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    /// The order a checkout key placed, with the digest of the draft that placed it.
    static func placed(byKey key: String, on db: any SQLDatabase) async throws -> (id: OrderID, digest: String)? {
        guard
            let row = try await db.raw(
                "SELECT id, draft_digest FROM orders WHERE checkout_key = \(bind: key)"
            ).first()
        else { return nil }
        return (try row.id("id", as: OrderID.self, table: "orders"), try row.string("draft_digest"))
    }

    /// Inserts the order unless its checkout key exists (then false: a concurrent checkout won).
    static func insert(_ order: Order, digest: String, on db: any SQLDatabase) async throws -> Bool {
        let totals = order.totals
        return try await !db.raw(
            """
            INSERT INTO orders (
                id, number, checkout_key, draft_digest, status, cart_id, customer_id, company_id, email, search, channel,
                currency, shipping_address, billing_address, delivery, subtotal, discount_total, shipping_total,
                tax_total, grand_total, refunded_total, stock_reservation_id, payment_method, payment_id,
                exchange_for_return_id, placed_at, updated_at, gift_card_total)
            VALUES (
                \(bind: order.id.rawValue), \(bind: order.number), \(bind: order.checkoutKey), \(bind: digest),
                \(bind: order.status.rawValue), \(bind: order.cartID), \(bind: order.customerID),
                \(bind: order.companyID), \(bind: order.email), \(bind: searchText(order)), \(bind: order.channel),
                \(bind: order.currency.code), \(bind: try order.shippingAddress.map(json)),
                \(bind: try order.billingAddress.map(json)), \(bind: try json(order.delivery)),
                \(bind: totals.subtotal.amount), \(bind: totals.discount.amount), \(bind: totals.shipping.amount),
                \(bind: totals.tax.amount), \(bind: totals.grandTotal.amount), 0, \(bind: order.stockReservationID),
                \(bind: order.paymentMethod), NULL, \(bind: order.exchangeForReturnID?.rawValue),
                \(bind: order.placedAt.epochMicroseconds), \(bind: order.updatedAt.epochMicroseconds),
                \(bind: order.giftCardTotal.amount))
            ON CONFLICT (checkout_key) DO NOTHING
            RETURNING id
            """
        ).all().isEmpty
    }

    static func insert(_ line: OrderLine, of order: OrderID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO order_lines (
                id, order_id, position, variant_id, product_id, sku, product_title, variant_title, quantity, unit_price,
                subtotal, discount, adjustments, tax_rate, tax, total, fulfilled_quantity, cancelled_quantity,
                shipped_quantity, return_requested_quantity, return_approved_quantity, returned_quantity, seller_id,
                seller_offer_id)
            VALUES (
                \(bind: line.id.rawValue), \(bind: order.rawValue), \(bind: line.position), \(bind: line.variantID),
                \(bind: line.productID), \(bind: line.sku), \(bind: line.productTitle), \(bind: line.variantTitle),
                \(bind: line.quantity), \(bind: line.unitPrice.amount), \(bind: line.subtotal.amount),
                \(bind: line.discount.amount), \(bind: try json(line.adjustments)), \(bind: line.taxRate),
                \(bind: line.tax.amount), \(bind: line.total.amount), 0, 0, 0, 0, 0, 0, \(bind: line.sellerID),
                \(bind: line.offerID))
            """
        ).run()
    }

    /// What the staff search matches: the number and the e-mail, folded in Swift so both backends agree.
    static func searchText(_ order: Order) -> String {
        (order.number + " " + order.email).lowercased()
    }

    /// Links an exchange order to its return, once.
    static func linkExchange(_ order: OrderID, to returnID: ReturnID, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE order_returns SET exchange_order_id = \(bind: order.rawValue)
            WHERE id = \(bind: returnID.rawValue) AND exchange_order_id IS NULL
            RETURNING id
            """
        ).all().isEmpty
    }
}
