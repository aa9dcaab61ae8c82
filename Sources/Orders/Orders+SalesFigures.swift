public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// One order as sales figures count it: when, how much, in what currency.
public struct OrderSale: Sendable, Hashable {
    public var placedAt: Date
    public var total: Money
    public var paid: Bool

    public init(placedAt: Date, total: Money, paid: Bool) {
        self.placedAt = placedAt
        self.total = total
        self.paid = paid
    }
}

/// A product's sales over a period, from the order lines.
public struct ProductSales: Sendable, Hashable {
    public var productID: String
    public var title: String
    public var units: Int
    public var revenue: Money
}

extension Orders {
    /// The orders placed in `period` that count as sales: everything but cancelled orders and orders still
    /// waiting for a company approver. Light rows (no lines), so a dashboard can bucket them by the shop's
    /// days in its own time zone.
    public func sales(placed period: Range<Date>, on db: any SQLDatabase) async throws -> [OrderSale] {
        try await db.raw(
            """
            SELECT placed_at, grand_total, currency, status FROM orders
            WHERE placed_at >= \(bind: period.lowerBound.epochMicroseconds)
              AND placed_at < \(bind: period.upperBound.epochMicroseconds)
              AND status NOT IN ('cancelled', 'awaiting_approval')
            ORDER BY placed_at
            """
        ).all().map { row in
            let currency = try row.currency("currency")
            return OrderSale(
                placedAt: try row.date("placed_at"),
                total: Money(minorUnits: Int64(try row.int("grand_total")), currency: currency),
                paid: try row.string("status") != OrderStatus.placed.rawValue)
        }
    }

    /// The products that sold most (by revenue in `currency`) in orders placed in `period`, net of
    /// cancelled units.
    public func bestSellers(
        placed period: Range<Date>, currency: Currency, limit: Int, on db: any SQLDatabase
    ) async throws -> [ProductSales] {
        try await db.raw(
            """
            SELECT l.product_id, MIN(l.product_title) AS title,
                   CAST(SUM(l.quantity - l.cancelled_quantity) AS BIGINT) AS units,
                   CAST(SUM(l.total * (l.quantity - l.cancelled_quantity) / l.quantity) AS BIGINT) AS revenue
            FROM order_lines l JOIN orders o ON o.id = l.order_id
            WHERE o.placed_at >= \(bind: period.lowerBound.epochMicroseconds)
              AND o.placed_at < \(bind: period.upperBound.epochMicroseconds)
              AND o.status NOT IN ('cancelled', 'awaiting_approval') AND o.currency = \(bind: currency.code)
            GROUP BY l.product_id
            HAVING SUM(l.quantity - l.cancelled_quantity) > 0
            ORDER BY revenue DESC, l.product_id
            LIMIT \(bind: limit)
            """
        ).all().map { row in
            ProductSales(
                productID: try row.string("product_id"), title: try row.string("title"), units: try row.int("units"),
                revenue: Money(minorUnits: Int64(try row.int("revenue")), currency: currency))
        }
    }
}
