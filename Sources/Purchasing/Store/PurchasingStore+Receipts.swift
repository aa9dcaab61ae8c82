import Foundation
import Persistence
import SQLKit
import TorvCore

extension PurchasingStore {
    static func insertReceipt(
        _ receipt: GoodsReceipt, actor: AuditActor, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO purchasing_receipts (id, order_id, location_id, received_at, note, actor_kind, actor_id,
                                             recorded_at)
            VALUES (\(bind: receipt.id.rawValue), \(bind: receipt.orderID.rawValue), \(bind: receipt.locationID),
                    \(bind: receipt.receivedAt.epochMicroseconds), \(bind: receipt.note), \(bind: actor.kind),
                    \(bind: actor.id), \(bind: now.epochMicroseconds))
            """
        ).run()
        for (position, line) in receipt.lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO purchasing_receipt_lines (receipt_id, position, order_line_id, sku, quantity, unit_cost,
                                                      currency, location_id)
                VALUES (\(bind: receipt.id.rawValue), \(bind: position), \(bind: line.orderLineID.rawValue),
                        \(bind: line.sku), \(bind: line.quantity), \(bind: line.unitCost.amount),
                        \(bind: line.unitCost.currency.code), \(bind: receipt.locationID))
                """
            ).run()
        }
    }

    /// Adds received units to a line unless that would pass the ordered quantity.
    static func addReceived(_ quantity: Int, to line: PurchaseOrderLineID, on db: any SQLDatabase) async throws -> Bool
    {
        try await db.raw(
            """
            UPDATE purchasing_order_lines SET received_quantity = received_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue) AND received_quantity + \(bind: quantity) <= quantity
            RETURNING id
            """
        ).first() != nil
    }

    /// Marks the order received when every line is complete, else partially received.
    static func settleReceiptStatus(
        _ id: PurchaseOrderID, now: Date, on db: any SQLDatabase
    ) async throws
        -> PurchaseOrderStatus
    {
        let sources = PurchaseOrderStatus.sources(of: .receive).map(\.rawValue)
        let complete: SQLQueryString = """
            NOT EXISTS (SELECT 1 FROM purchasing_order_lines l
                        WHERE l.order_id = purchasing_orders.id AND l.received_quantity < l.quantity)
            """
        guard
            let row = try await db.raw(
                """
                UPDATE purchasing_orders SET
                    status = CASE WHEN \(complete) THEN 'received' ELSE 'partially_received' END,
                    received_at = CASE WHEN \(complete) THEN \(bind: now.epochMicroseconds) ELSE received_at END,
                    updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue) AND status IN (\(binds: sources))
                RETURNING status
                """
            ).first()
        else { throw PurchasingError.invalidTransition(from: .closed, action: .receive) }
        return try row.enumeration("status", as: PurchaseOrderStatus.self, table: "purchasing_orders")
    }

    static func receipt(_ id: GoodsReceiptID, on db: any SQLDatabase) async throws -> GoodsReceipt? {
        try await receipts(where: "r.id = \(bind: id.rawValue)", on: db).first
    }

    static func receipts(of orderID: PurchaseOrderID, on db: any SQLDatabase) async throws -> [GoodsReceipt] {
        try await receipts(where: "r.order_id = \(bind: orderID.rawValue)", on: db)
    }

    private static func receipts(
        where condition: SQLQueryString, on db: any SQLDatabase
    ) async throws
        -> [GoodsReceipt]
    {
        let rows = try await db.raw(
            """
            SELECT r.id, r.order_id, r.location_id, r.received_at, r.note, l.order_line_id, l.sku, l.quantity,
                   l.unit_cost, l.currency
            FROM purchasing_receipts r JOIN purchasing_receipt_lines l ON l.receipt_id = r.id
            WHERE \(condition)
            ORDER BY r.id, l.position
            """
        ).all()
        var receipts: [GoodsReceipt] = []
        for row in rows {
            let id = try row.id("id", as: GoodsReceiptID.self, table: "purchasing_receipts")
            let line = GoodsReceiptLine(
                orderLineID: try row.id(
                    "order_line_id", as: PurchaseOrderLineID.self, table: "purchasing_receipt_lines"),
                sku: try row.string("sku"), quantity: try row.int("quantity"),
                unitCost: try money(row, "unit_cost", try row.currency("currency")))
            if let last = receipts.last, last.id == id {
                receipts[receipts.count - 1] = GoodsReceipt(
                    id: last.id, orderID: last.orderID, locationID: last.locationID, receivedAt: last.receivedAt,
                    note: last.note, lines: last.lines + [line])
            } else {
                receipts.append(
                    GoodsReceipt(
                        id: id, orderID: try row.id("order_id", as: PurchaseOrderID.self, table: "purchasing_receipts"),
                        locationID: try row.string("location_id"), receivedAt: try row.date("received_at"),
                        note: try row.optionalString("note"), lines: [line]))
            }
        }
        return receipts
    }

    /// Per order line, the quantity-weighted average cost it was received at.
    static func averageReceiptCosts(
        of lines: [PurchaseOrderLineID], on db: any SQLDatabase
    ) async throws -> [PurchaseOrderLineID: Money] {
        guard !lines.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT order_line_id, currency, CAST(SUM(quantity * unit_cost) AS BIGINT) AS value,
                   CAST(SUM(quantity) AS BIGINT) AS units
            FROM purchasing_receipt_lines WHERE order_line_id IN (\(binds: lines.map(\.rawValue)))
            GROUP BY order_line_id, currency
            """
        ).all()
        var costs: [PurchaseOrderLineID: Money] = [:]
        for row in rows {
            let value = Money(
                minorUnits: try row.decode(column: "value", as: Int64.self), currency: try row.currency("currency"))
            let units = Int64(try row.int("units"))
            guard units > 0 else { continue }
            costs[try row.id("order_line_id", as: PurchaseOrderLineID.self, table: "purchasing_receipt_lines")] =
                try value.scaled(by: 1, over: units)
        }
        return costs
    }
}
