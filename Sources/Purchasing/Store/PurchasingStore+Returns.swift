import Foundation
import Persistence
import SQLKit
import TorvCore

extension PurchasingStore {
    /// Per order line, the units already returned from `receipt`.
    static func returnedFromReceipt(
        _ receipt: GoodsReceiptID, on db: any SQLDatabase
    ) async throws
        -> [PurchaseOrderLineID: Int]
    {
        let rows = try await db.raw(
            """
            SELECT l.order_line_id, CAST(SUM(l.quantity) AS BIGINT) AS returned
            FROM purchasing_return_lines l JOIN purchasing_returns r ON r.id = l.return_id
            WHERE r.receipt_id = \(bind: receipt.rawValue)
            GROUP BY l.order_line_id
            """
        ).all()
        var returned: [PurchaseOrderLineID: Int] = [:]
        for row in rows {
            returned[try row.id("order_line_id", as: PurchaseOrderLineID.self, table: "purchasing_return_lines")] =
                try row.int("returned")
        }
        return returned
    }

    /// Adds returned units to a line unless that would pass what was received.
    static func addReturned(_ quantity: Int, to line: PurchaseOrderLineID, on db: any SQLDatabase) async throws -> Bool
    {
        try await db.raw(
            """
            UPDATE purchasing_order_lines SET returned_quantity = returned_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue) AND returned_quantity + \(bind: quantity) <= received_quantity
            RETURNING id
            """
        ).first() != nil
    }

    static func insertReturn(
        _ supplierReturn: SupplierReturn, actor: AuditActor, now: Date, on db: any SQLDatabase
    ) async throws {
        try await db.raw(
            """
            INSERT INTO purchasing_returns (id, order_id, receipt_id, location_id, returned_at, note, actor_kind,
                                            actor_id, recorded_at)
            VALUES (\(bind: supplierReturn.id.rawValue), \(bind: supplierReturn.orderID.rawValue),
                    \(bind: supplierReturn.receiptID.rawValue), \(bind: supplierReturn.locationID),
                    \(bind: supplierReturn.returnedAt.epochMicroseconds), \(bind: supplierReturn.note),
                    \(bind: actor.kind), \(bind: actor.id), \(bind: now.epochMicroseconds))
            """
        ).run()
        for (position, line) in supplierReturn.lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO purchasing_return_lines (return_id, position, order_line_id, sku, quantity, unit_cost,
                                                     currency, reason)
                VALUES (\(bind: supplierReturn.id.rawValue), \(bind: position), \(bind: line.orderLineID.rawValue),
                        \(bind: line.sku), \(bind: line.quantity), \(bind: line.unitCost.amount),
                        \(bind: line.unitCost.currency.code), \(bind: line.reason.rawValue))
                """
            ).run()
        }
    }

    static func returns(of orderID: PurchaseOrderID, on db: any SQLDatabase) async throws -> [SupplierReturn] {
        let rows = try await db.raw(
            """
            SELECT r.id, r.order_id, r.receipt_id, r.location_id, r.returned_at, r.note, l.order_line_id, l.sku,
                   l.quantity, l.unit_cost, l.currency, l.reason
            FROM purchasing_returns r JOIN purchasing_return_lines l ON l.return_id = r.id
            WHERE r.order_id = \(bind: orderID.rawValue)
            ORDER BY r.id, l.position
            """
        ).all()
        var returns: [SupplierReturn] = []
        for row in rows {
            let id = try row.id("id", as: SupplierReturnID.self, table: "purchasing_returns")
            let line = SupplierReturnLine(
                orderLineID: try row.id(
                    "order_line_id", as: PurchaseOrderLineID.self, table: "purchasing_return_lines"),
                sku: try row.string("sku"), quantity: try row.int("quantity"),
                unitCost: try money(row, "unit_cost", try row.currency("currency")),
                reason: try row.enumeration("reason", as: SupplierReturnReason.self, table: "purchasing_return_lines"))
            if let last = returns.last, last.id == id {
                returns[returns.count - 1] = SupplierReturn(
                    id: last.id, orderID: last.orderID, receiptID: last.receiptID, locationID: last.locationID,
                    returnedAt: last.returnedAt, note: last.note, lines: last.lines + [line])
            } else {
                returns.append(
                    SupplierReturn(
                        id: id, orderID: try row.id("order_id", as: PurchaseOrderID.self, table: "purchasing_returns"),
                        receiptID: try row.id("receipt_id", as: GoodsReceiptID.self, table: "purchasing_returns"),
                        locationID: try row.string("location_id"), returnedAt: try row.date("returned_at"),
                        note: try row.optionalString("note"), lines: [line]))
            }
        }
        return returns
    }
}
