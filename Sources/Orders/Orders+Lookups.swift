import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Orders {
    public func order(_ id: OrderID, on db: any SQLDatabase) async throws -> Order {
        guard let order = try await OrdersStore.order(id, on: db) else { throw OrdersError.orderNotFound }
        return order
    }

    /// The order a checkout key placed, if any: how a retried checkout finds its order.
    public func order(checkoutKey: String, on db: any SQLDatabase) async throws -> Order? {
        guard let placed = try await OrdersStore.placed(byKey: checkoutKey, on: db) else { return nil }
        return try await OrdersStore.order(placed.id, on: db)
    }

    /// The order with the human number (`T-100023`), as support staff type it.
    public func order(number: String, on db: any SQLDatabase) async throws -> Order {
        let rows = try await db.raw(
            """
            SELECT \(unsafeRaw: OrdersStore.orderColumns) FROM orders
            WHERE number = \(bind: Self.trimmed(number).uppercased())
            """
        ).all()
        guard let order = try await OrdersStore.orders(from: rows, on: db).first else {
            throw OrdersError.orderNotFound
        }
        return order
    }

    /// The order, only if it belongs to `customerID`. Another customer's order is `order_not_found`,
    /// exactly as a missing one, so a customer cannot learn which order IDs exist.
    public func order(_ id: OrderID, ofCustomer customerID: String, on db: any SQLDatabase) async throws -> Order {
        guard let order = try await OrdersStore.order(id, on: db), order.customerID == customerID else {
            throw OrdersError.orderNotFound
        }
        return order
    }

    /// A customer's orders, newest first, `limit` at a time before the cursor order.
    public func orders(
        ofCustomer customerID: String, after cursor: OrderID? = nil, limit: Int, on db: any SQLDatabase
    ) async throws -> [Order] {
        try await orders(matching: OrderQuery(customerID: customerID), after: cursor, limit: limit, on: db)
    }

    /// Orders matching `query`, newest first, `limit` at a time after the cursor (the last order of the
    /// previous page). IDs are time-ordered, so the cursor is stable while new orders arrive.
    public func orders(
        matching query: OrderQuery, after cursor: OrderID? = nil, limit: Int, on db: any SQLDatabase
    ) async throws -> [Order] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let cursor { conditions.append("id < \(bind: cursor.rawValue)") }
        if let status = query.status { conditions.append("status = \(bind: status.rawValue)") }
        if let customerID = query.customerID { conditions.append("customer_id = \(bind: customerID)") }
        if let companyID = query.companyID { conditions.append("company_id = \(bind: companyID)") }
        if let placed = query.placed {
            conditions.append("placed_at >= \(bind: placed.lowerBound.epochMicroseconds)")
            conditions.append("placed_at < \(bind: placed.upperBound.epochMicroseconds)")
        }
        if let text = query.text.map(Self.trimmed), !text.isEmpty {
            let escaped = text.lowercased().replacing("\\", with: "\\\\").replacing("%", with: "\\%")
                .replacing("_", with: "\\_")
            conditions.append("search LIKE \(bind: "%" + escaped + "%") ESCAPE '\\'")
        }
        let rows = try await db.raw(
            """
            SELECT \(unsafeRaw: OrdersStore.orderColumns) FROM orders
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY id DESC LIMIT \(bind: Self.pageSize(limit))
            """
        ).all()
        return try await OrdersStore.orders(from: rows, on: db)
    }

    /// What a company has ordered on invoice that is not invoiced yet (waiting for an approver or for
    /// the invoice provider), per currency: it counts against the company's credit like an open invoice.
    public func uninvoicedTotals(companyID: String, on db: any SQLDatabase) async throws -> [Money] {
        try await db.raw(
            """
            SELECT currency, CAST(SUM(grand_total) AS BIGINT) AS total FROM orders
            WHERE company_id = \(bind: companyID) AND payment_method = 'invoice'
              AND status IN ('awaiting_approval', 'placed')
            GROUP BY currency ORDER BY currency
            """
        ).all().map { row in
            Money(minorUnits: try row.decode(column: "total", as: Int64.self), currency: try row.currency("currency"))
        }
    }
}
