import Foundation
import Persistence
import SQLKit
import TorvCore

extension OrdersStore {
    static func returnExists(_ id: ReturnID, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw("SELECT id FROM order_returns WHERE id = \(bind: id.rawValue)").all().isEmpty
    }

    /// Sets `quantity` units of a line aside for a return unless more than the shipped, not yet
    /// requested units would be (the CHECK says the same).
    static func requestUnits(
        _ quantity: Int, of line: OrderLineID, in order: OrderID, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE order_lines SET return_requested_quantity = return_requested_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue) AND order_id = \(bind: order.rawValue)
              AND return_requested_quantity + \(bind: quantity) <= shipped_quantity
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Gives a rejected return's units back to the returnable pool.
    static func releaseUnits(_ quantity: Int, of line: OrderLineID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE order_lines SET return_requested_quantity = return_requested_quantity - \(bind: quantity)
            WHERE id = \(bind: line.rawValue)
            """
        ).run()
    }

    /// Numbers a return's units on approval: returns the new approved count, so the units are
    /// `count − quantity ..< count`. Approved units are never given back, so numbers are never reused.
    static func approveUnits(_ quantity: Int, of line: OrderLineID, on db: any SQLDatabase) async throws -> Int? {
        try await db.raw(
            """
            UPDATE order_lines SET return_approved_quantity = return_approved_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue)
              AND return_approved_quantity + \(bind: quantity) <= return_requested_quantity
            RETURNING return_approved_quantity
            """
        ).first().map { try $0.int("return_approved_quantity") }
    }

    static func receiveUnits(_ quantity: Int, of line: OrderLineID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE order_lines SET returned_quantity = returned_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue)
            """
        ).run()
    }

    static func insert(_ orderReturn: OrderReturn, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO order_returns (id, number, order_id, status, requested_by_kind, requested_by_id, shipping_refunded,
                                       created_at, updated_at)
            VALUES (\(bind: orderReturn.id.rawValue), \(bind: orderReturn.number), \(bind: orderReturn.orderID.rawValue),
                    \(bind: orderReturn.status.rawValue), \(bind: orderReturn.requestedBy.kind),
                    \(bind: orderReturn.requestedBy.id), 0, \(bind: orderReturn.createdAt.epochMicroseconds),
                    \(bind: orderReturn.updatedAt.epochMicroseconds))
            """
        ).run()
        for (position, line) in orderReturn.lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO order_return_lines (return_id, line_id, position, quantity, reason)
                VALUES (\(bind: orderReturn.id.rawValue), \(bind: line.lineID.rawValue), \(bind: position),
                        \(bind: line.quantity), \(bind: line.reason))
                """
            ).run()
        }
    }

    static func setRefund(
        _ refund: Money, offset: Int, of line: OrderLineID, in returnID: ReturnID, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE order_return_lines SET unit_offset = \(bind: offset), refund = \(bind: refund.amount)
            WHERE return_id = \(bind: returnID.rawValue) AND line_id = \(bind: line.rawValue)
            """
        ).run()
    }

    static func setOutcome(
        _ outcome: InspectionOutcome, of line: OrderLineID, in returnID: ReturnID, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE order_return_lines SET outcome = \(bind: outcome.rawValue)
            WHERE return_id = \(bind: returnID.rawValue) AND line_id = \(bind: line.rawValue)
            """
        ).run()
    }

    /// Moves a return from `from` to `to` in one guarded statement; false when it was no longer `from`.
    static func move(
        _ id: ReturnID, from: ReturnStatus, to: ReturnStatus, rejectionReason: String? = nil,
        refund: (amount: Money, paymentRefundID: String, shipping: Money)? = nil, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE order_returns SET status = \(bind: to.rawValue), updated_at = \(bind: now.epochMicroseconds),
                rejection_reason = COALESCE(\(bind: rejectionReason), rejection_reason),
                refunded_amount = COALESCE(\(bind: refund?.amount.amount), refunded_amount),
                payment_refund_id = COALESCE(\(bind: refund?.paymentRefundID), payment_refund_id),
                shipping_refunded = shipping_refunded + \(bind: refund?.shipping.amount ?? 0)
            WHERE id = \(bind: id.rawValue) AND status = \(bind: from.rawValue)
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Adds a refund to the order unless refunds would exceed the grand total (the CHECK says the same).
    static func addRefund(_ amount: Money, to order: OrderID, now: Date, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE orders SET refunded_total = refunded_total + \(bind: amount.amount),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: order.rawValue) AND refunded_total + \(bind: amount.amount) <= grand_total
            RETURNING id
            """
        ).all().isEmpty
    }

    /// How much of the order's shipping earlier refunds returned.
    static func shippingRefunded(of order: OrderID, on db: any SQLDatabase) async throws -> Int64 {
        try await db.raw(
            """
            SELECT CAST(COALESCE(SUM(shipping_refunded), 0) AS BIGINT) AS total FROM order_returns
            WHERE order_id = \(bind: order.rawValue)
            """
        ).first().map { Int64(try $0.int("total")) } ?? 0
    }

    static func paymentRefundRecorded(_ paymentRefundID: String, on db: any SQLDatabase) async throws -> Bool {
        try await !db.raw(
            "SELECT id FROM order_returns WHERE payment_refund_id = \(bind: paymentRefundID)"
        ).all().isEmpty
    }

    /// Returns matching `condition` (over `r`, the return, and `o`, its order), oldest first, or newest first
    /// and at most `limit` of them for a page.
    static func returns(
        where condition: SQLQueryString, newestFirst limit: Int? = nil, on db: any SQLDatabase
    ) async throws -> [OrderReturn] {
        let order: SQLQueryString = limit.map { "ORDER BY r.id DESC LIMIT \(bind: $0)" } ?? "ORDER BY r.id"
        let rows = try await db.raw(
            """
            SELECT r.id, r.number, r.order_id, r.status, r.requested_by_kind, r.requested_by_id, r.rejection_reason,
                   r.exchange_order_id, r.exchange_credit, r.refunded_amount, r.payment_refund_id, r.created_at,
                   r.updated_at, o.currency
            FROM order_returns r JOIN orders o ON o.id = r.order_id
            WHERE \(condition) \(order)
            """
        ).all()
        guard !rows.isEmpty else { return [] }
        let ids = try rows.map { try $0.string("id") }
        let lineRows = try await db.raw(
            """
            SELECT rl.return_id, rl.line_id, rl.quantity, rl.reason, rl.unit_offset, rl.refund, rl.outcome,
                   l.sku, l.variant_id
            FROM order_return_lines rl JOIN order_lines l ON l.id = rl.line_id
            WHERE rl.return_id IN (\(binds: ids)) ORDER BY rl.position
            """
        ).all()
        var currencies: [String: Currency] = [:]
        for row in rows { currencies[try row.string("id")] = try row.currency("currency") }
        var lines: [String: [ReturnLine]] = [:]
        for row in lineRows {
            let returnID = try row.string("return_id")
            guard let currency = currencies[returnID] else { continue }
            lines[returnID, default: []].append(
                ReturnLine(
                    lineID: try row.id("line_id", as: OrderLineID.self, table: "order_return_lines"),
                    sku: try row.string("sku"), variantID: try row.string("variant_id"),
                    quantity: try row.int("quantity"), reason: try row.string("reason"),
                    unitOffset: try row.optionalInt("unit_offset"),
                    refund: try row.optionalInt("refund").map { Money(minorUnits: Int64($0), currency: currency) },
                    outcome: try row.optionalString("outcome").flatMap(InspectionOutcome.init(rawValue:))))
        }
        return try rows.map { row in
            let id = try row.string("id")
            let currency = try row.currency("currency")
            return OrderReturn(
                id: try row.id("id", as: ReturnID.self, table: "order_returns"), number: try row.string("number"),
                orderID: try row.id("order_id", as: OrderID.self, table: "order_returns"),
                status: try row.enumeration("status", as: ReturnStatus.self, table: "order_returns"),
                lines: lines[id] ?? [],
                requestedBy: AuditActor(
                    kind: try row.string("requested_by_kind"), id: try row.string("requested_by_id")),
                rejectionReason: try row.optionalString("rejection_reason"),
                exchangeOrderID: try row.optionalID("exchange_order_id", as: OrderID.self, table: "order_returns"),
                exchangeCredit: try row.optionalInt("exchange_credit").flatMap {
                    $0 == 0 ? nil : Money(minorUnits: Int64($0), currency: currency)
                },
                refundedAmount: try row.optionalInt("refunded_amount").map {
                    Money(minorUnits: Int64($0), currency: currency)
                },
                paymentRefundID: try row.optionalString("payment_refund_id"), createdAt: try row.date("created_at"),
                updatedAt: try row.date("updated_at"))
        }
    }

    /// Sets the part of a return's value that paid for its exchange order, once and only for that order.
    static func setExchangeCredit(
        _ credit: Money, of returnID: ReturnID, exchangeOrder: OrderID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            UPDATE order_returns SET exchange_credit = \(bind: credit.amount), updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: returnID.rawValue) AND exchange_order_id = \(bind: exchangeOrder.rawValue)
              AND exchange_credit = 0
            RETURNING id
            """
        ).all().isEmpty
    }

    /// Notes a refund of the order's payment made outside a return; false when that refund was noted before.
    static func insertRefund(
        _ amount: Money, paymentRefundID: String, of order: OrderID, now: Date, on db: any SQLDatabase
    ) async throws -> Bool {
        try await !db.raw(
            """
            INSERT INTO order_refunds (payment_refund_id, order_id, amount, created_at)
            VALUES (\(bind: paymentRefundID), \(bind: order.rawValue), \(bind: amount.amount),
                    \(bind: now.epochMicroseconds))
            ON CONFLICT (payment_refund_id) DO NOTHING
            RETURNING payment_refund_id
            """
        ).all().isEmpty
    }

    /// Gives a return back the value its cancelled exchange order took. The link stays: a return has one
    /// exchange, ever.
    static func releaseExchangeCredit(
        of returnID: ReturnID, exchangeOrder: OrderID, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            UPDATE order_returns SET exchange_credit = 0, updated_at = \(bind: now.epochMicroseconds)
            WHERE id = \(bind: returnID.rawValue) AND exchange_order_id = \(bind: exchangeOrder.rawValue)
            """
        ).run()
    }
}
