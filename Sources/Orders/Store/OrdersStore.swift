import Foundation
import Persistence
import SQLKit
import TorvCore

/// Orders' SQL. State changes are single guarded statements whose WHERE clause restates the rule
/// (the status they leave, the quantity still free), with CHECKs behind them; RETURNING gives the row.
enum OrdersStore {
    static let orderColumns = """
        id, number, checkout_key, status, cart_id, customer_id, company_id, email, channel, currency,
        shipping_address, billing_address, delivery, subtotal, discount_total, shipping_total, tax_total, grand_total,
        refunded_total, stock_reservation_id, payment_method, payment_id, exchange_for_return_id, placed_at, updated_at,
        cancelled_at, cancellation_reason, gift_card_total
        """
    static let lineColumns = """
        id, order_id, position, variant_id, product_id, sku, product_title, variant_title, quantity, unit_price,
        subtotal, discount, adjustments, tax_rate, tax, total, fulfilled_quantity, cancelled_quantity,
        shipped_quantity, return_requested_quantity, return_approved_quantity, returned_quantity, seller_id,
        seller_offer_id
        """

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw PersistenceError.corruptRow(table: table, detail: "bad JSON for \(type)")
        }
    }

    /// Takes the next number of a sequence (`order`, `return`). The row lock of the UPDATE serialises
    /// concurrent callers; a rolled-back transaction gives its number back, and an idempotent replay may
    /// leave a gap, which is harmless: numbers are unique, not dense.
    static func nextNumber(_ counter: String, on db: any SQLDatabase) async throws -> Int {
        guard
            let row = try await db.raw(
                """
                UPDATE order_counters SET next_value = next_value + 1 WHERE name = \(bind: counter)
                RETURNING next_value
                """
            ).first()
        else { throw PersistenceError.corruptRow(table: "order_counters", detail: "missing counter \(counter)") }
        return try row.int("next_value") - 1
    }

    static func money(_ row: any SQLRow, _ column: String, _ currency: Currency) throws -> Money {
        Money(minorUnits: Int64(try row.int(column)), currency: currency)
    }

    static func line(from row: any SQLRow, currency: Currency) throws -> OrderLine {
        OrderLine(
            id: try row.id("id", as: OrderLineID.self, table: "order_lines"), position: try row.int("position"),
            variantID: try row.string("variant_id"), productID: try row.string("product_id"),
            sku: try row.string("sku"), productTitle: try row.string("product_title"),
            variantTitle: try row.string("variant_title"), sellerID: try row.optionalString("seller_id"),
            offerID: try row.optionalString("seller_offer_id"), quantity: try row.int("quantity"),
            unitPrice: try money(row, "unit_price", currency), subtotal: try money(row, "subtotal", currency),
            discount: try money(row, "discount", currency),
            adjustments: try decode([LineAdjustment].self, try row.string("adjustments"), table: "order_lines"),
            taxRate: try row.int("tax_rate"), tax: try money(row, "tax", currency),
            total: try money(row, "total", currency), fulfilledQuantity: try row.int("fulfilled_quantity"),
            cancelledQuantity: try row.int("cancelled_quantity"), shippedQuantity: try row.int("shipped_quantity"),
            returnRequestedQuantity: try row.int("return_requested_quantity"),
            returnApprovedQuantity: try row.int("return_approved_quantity"),
            returnedQuantity: try row.int("returned_quantity"))
    }

    static func order(from row: any SQLRow, lines: [OrderLine]) throws -> Order {
        let currency = try row.currency("currency")
        return Order(
            id: try row.id("id", as: OrderID.self, table: "orders"), number: try row.string("number"),
            checkoutKey: try row.string("checkout_key"),
            status: try row.enumeration("status", as: OrderStatus.self, table: "orders"),
            cartID: try row.optionalString("cart_id"), customerID: try row.optionalString("customer_id"),
            companyID: try row.optionalString("company_id"), email: try row.string("email"),
            channel: try row.string("channel"), currency: currency, lines: lines,
            shippingAddress: try row.optionalString("shipping_address").map {
                try decode(OrderAddress.self, $0, table: "orders")
            },
            billingAddress: try row.optionalString("billing_address").map {
                try decode(OrderAddress.self, $0, table: "orders")
            },
            delivery: try decode(Delivery.self, try row.string("delivery"), table: "orders"),
            totals: OrderTotals(
                subtotal: try money(row, "subtotal", currency), discount: try money(row, "discount_total", currency),
                shipping: try money(row, "shipping_total", currency), tax: try money(row, "tax_total", currency),
                grandTotal: try money(row, "grand_total", currency)),
            stockReservationID: try row.optionalString("stock_reservation_id"),
            paymentMethod: try row.string("payment_method"), paymentID: try row.optionalString("payment_id"),
            refundedTotal: try money(row, "refunded_total", currency),
            giftCardTotal: try money(row, "gift_card_total", currency),
            exchangeForReturnID: try row.optionalID("exchange_for_return_id", as: ReturnID.self, table: "orders"),
            placedAt: try row.date("placed_at"), updatedAt: try row.date("updated_at"),
            cancelledAt: try row.optionalDate("cancelled_at"),
            cancellationReason: try row.optionalString("cancellation_reason"))
    }

    /// Orders for `rows` of the orders table, with their lines read in one query.
    static func orders(from rows: [any SQLRow], on db: any SQLDatabase) async throws -> [Order] {
        guard !rows.isEmpty else { return [] }
        var currencies: [String: Currency] = [:]
        for row in rows { currencies[try row.string("id")] = try row.currency("currency") }
        let lineRows = try await db.raw(
            """
            SELECT \(unsafeRaw: lineColumns) FROM order_lines
            WHERE order_id IN (\(binds: Array(currencies.keys))) ORDER BY order_id, position
            """
        ).all()
        var lines: [String: [OrderLine]] = [:]
        for row in lineRows {
            let orderID = try row.string("order_id")
            guard let currency = currencies[orderID] else { continue }
            lines[orderID, default: []].append(try line(from: row, currency: currency))
        }
        return try rows.map { try order(from: $0, lines: lines[try $0.string("id")] ?? []) }
    }

    static func order(_ id: OrderID, on db: any SQLDatabase) async throws -> Order? {
        let rows = try await db.raw(
            "SELECT \(unsafeRaw: orderColumns) FROM orders WHERE id = \(bind: id.rawValue)"
        ).all()
        return try await orders(from: rows, on: db).first
    }

    /// Like ``order(_:on:)``, but on PostgreSQL locks the order row first, so a multi-step change (a
    /// fulfilment step that then recomputes the status) sees no concurrent step of the same order.
    static func lockedOrder(_ id: OrderID, on db: any SQLDatabase) async throws -> Order? {
        if db.backend == .postgres {
            try await db.raw("SELECT id FROM orders WHERE id = \(bind: id.rawValue) FOR UPDATE").run()
        }
        return try await order(id, on: db)
    }

    /// Moves an order from `from` to `to` in one guarded statement; false when its status was no longer `from`.
    static func move(
        _ id: OrderID, from: OrderStatus, to: OrderStatus, now: Date, cancellationReason: String? = nil,
        on db: any SQLDatabase
    ) async throws -> Bool {
        let cancelledAt: Int64? = to == .cancelled ? now.epochMicroseconds : nil
        return try await !db.raw(
            """
            UPDATE orders SET status = \(bind: to.rawValue), updated_at = \(bind: now.epochMicroseconds),
                cancelled_at = COALESCE(\(bind: cancelledAt), cancelled_at),
                cancellation_reason = COALESCE(\(bind: cancellationReason), cancellation_reason)
            WHERE id = \(bind: id.rawValue) AND status = \(bind: from.rawValue)
            RETURNING id
            """
        ).all().isEmpty
    }
}
