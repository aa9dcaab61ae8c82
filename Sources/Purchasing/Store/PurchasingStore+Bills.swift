import Foundation
import Persistence
import SQLKit
import TorvCore

/// An order line as the three-way match sees it, with the order it belongs to.
struct BillableLine: Sendable {
    let match: MatchOrderLine
    let orderID: PurchaseOrderID
    /// Received less returned: what the supplier may bill in all.
    let kept: Int
}

extension PurchasingStore {
    static let billColumns = """
        id, supplier_id, invoice_number, bill_date, due_date, currency, net, tax, tax_rate, total, paid, approval,
        discrepancies, decision_reason, decided_at, recorded_at
        """

    /// The orders of `supplierID` that `lines` belong to, in ID order (the order they are locked in, so
    /// two bills never wait on each other in a cycle).
    static func orders(
        of lines: [PurchaseOrderLineID], supplierID: SupplierID, on db: any SQLDatabase
    ) async throws
        -> [PurchaseOrderID]
    {
        guard !lines.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT DISTINCT o.id FROM purchasing_order_lines l JOIN purchasing_orders o ON o.id = l.order_id
            WHERE l.id IN (\(binds: lines.map(\.rawValue))) AND o.supplier_id = \(bind: supplierID.rawValue)
            ORDER BY o.id
            """
        ).all().map { try $0.id("id", as: PurchaseOrderID.self, table: "purchasing_orders") }
    }

    /// Locks orders (in any state) so receipts, returns and other bills of them wait for this one.
    static func lockOrders(_ ids: [PurchaseOrderID], now: Date, on db: any SQLDatabase) async throws {
        for id in ids.sorted() {
            try await db.raw(
                """
                UPDATE purchasing_orders SET updated_at = \(bind: now.epochMicroseconds)
                WHERE id = \(bind: id.rawValue)
                """
            ).run()
        }
    }

    /// The supplier's order lines among `lines`, with what other bills claim of them: approved bills
    /// (billed quantity) and bills on hold other than `excluding`.
    static func billableLines(
        _ lines: [PurchaseOrderLineID], supplierID: SupplierID, excluding bill: SupplierBillID?,
        on db: any SQLDatabase
    ) async throws -> [BillableLine] {
        guard !lines.isEmpty else { return [] }
        return try await db.raw(
            """
            SELECT l.id, l.order_id, l.sku, l.unit_cost, o.currency, l.received_quantity, l.returned_quantity,
                   l.billed_quantity,
                   COALESCE((SELECT CAST(SUM(bl.quantity) AS BIGINT)
                             FROM purchasing_bill_lines bl JOIN purchasing_bills b ON b.id = bl.bill_id
                             WHERE bl.order_line_id = l.id AND b.approval = 'on_hold'
                               AND b.id <> \(bind: bill?.rawValue ?? "")), 0) AS held
            FROM purchasing_order_lines l JOIN purchasing_orders o ON o.id = l.order_id
            WHERE l.id IN (\(binds: lines.map(\.rawValue))) AND o.supplier_id = \(bind: supplierID.rawValue)
            """
        ).all().map { row in
            let table = "purchasing_order_lines"
            return BillableLine(
                match: MatchOrderLine(
                    id: try row.id("id", as: PurchaseOrderLineID.self, table: table), sku: try row.string("sku"),
                    unitCost: try money(row, "unit_cost", try row.currency("currency")),
                    alreadyBilled: try row.int("billed_quantity") + row.int("held")),
                orderID: try row.id("order_id", as: PurchaseOrderID.self, table: table),
                kept: try row.int("received_quantity") - row.int("returned_quantity"))
        }
    }

    /// Inserts the bill unless the supplier's invoice number is recorded already (false then).
    static func insertBill(
        _ bill: SupplierBill, invoiceKey: String, actor: AuditActor?, on db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            INSERT INTO purchasing_bills (\(unsafeRaw: billColumns), invoice_key, decided_by)
            VALUES (\(bind: bill.id.rawValue), \(bind: bill.supplierID.rawValue), \(bind: bill.invoiceNumber),
                    \(bind: bill.billDate.epochMicroseconds), \(bind: bill.dueDate.epochMicroseconds),
                    \(bind: bill.currency.code), \(bind: bill.net.amount), \(bind: bill.tax.amount),
                    \(bind: bill.taxRate), \(bind: bill.total.amount), 0, \(bind: bill.approval.rawValue),
                    \(bind: try encodeJSON(bill.discrepancies)), \(bind: bill.decisionReason),
                    \(bind: bill.decidedAt?.epochMicroseconds), \(bind: bill.recordedAt.epochMicroseconds),
                    \(bind: invoiceKey), \(bind: actor.map { "\($0.kind):\($0.id)" }))
            ON CONFLICT DO NOTHING RETURNING id
            """
        ).first() != nil
    }

    static func insertBillLines(
        _ lines: [SupplierBillLine], of bill: SupplierBillID, on db: any SQLDatabase
    )
        async throws
    {
        for (position, line) in lines.enumerated() {
            try await db.raw(
                """
                INSERT INTO purchasing_bill_lines (bill_id, position, order_line_id, order_id, sku, quantity,
                                                   unit_price, net)
                VALUES (\(bind: bill.rawValue), \(bind: position), \(bind: line.orderLineID.rawValue),
                        \(bind: line.orderID?.rawValue), \(bind: line.sku), \(bind: line.quantity),
                        \(bind: line.unitPrice.amount), \(bind: line.net.amount))
                """
            ).run()
        }
    }

    static func addBilled(_ quantity: Int, to line: PurchaseOrderLineID, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            UPDATE purchasing_order_lines SET billed_quantity = billed_quantity + \(bind: quantity)
            WHERE id = \(bind: line.rawValue)
            """
        ).run()
    }

    /// Moves a bill on hold to `approval`; false when it is no longer on hold. Without a reason the bill
    /// now matches, so its stored discrepancies are cleared.
    static func decide(
        _ id: SupplierBillID, _ approval: BillApproval, reason: String?, actor: AuditActor, now: Date,
        on db: any SQLDatabase
    ) async throws -> Bool {
        try await db.raw(
            """
            UPDATE purchasing_bills SET approval = \(bind: approval.rawValue), decision_reason = \(bind: reason),
                discrepancies = CASE WHEN \(bind: reason) IS NULL THEN '[]' ELSE discrepancies END,
                decided_at = \(bind: now.epochMicroseconds), decided_by = \(bind: "\(actor.kind):\(actor.id)")
            WHERE id = \(bind: id.rawValue) AND approval = 'on_hold'
            RETURNING id
            """
        ).first() != nil
    }

    static func bill(_ id: SupplierBillID, on db: any SQLDatabase) async throws -> SupplierBill? {
        try await bills(where: "id = \(bind: id.rawValue)", limit: 1, on: db).first
    }

    static func bills(
        where condition: SQLQueryString, limit: Int, on db: any SQLDatabase
    ) async throws
        -> [SupplierBill]
    {
        let rows = try await db.raw(
            "SELECT \(unsafeRaw: billColumns) FROM purchasing_bills WHERE \(condition) ORDER BY id LIMIT \(bind: limit)"
        ).all()
        var bills: [SupplierBill] = []
        for row in rows {
            let table = "purchasing_bills"
            let id = try row.id("id", as: SupplierBillID.self, table: table)
            let currency = try row.currency("currency")
            let lines = try await db.raw(
                """
                SELECT order_line_id, order_id, sku, quantity, unit_price, net FROM purchasing_bill_lines
                WHERE bill_id = \(bind: id.rawValue) ORDER BY position
                """
            ).all().map { line in
                SupplierBillLine(
                    orderLineID: try line.id("order_line_id", as: PurchaseOrderLineID.self, table: table),
                    orderID: try line.optionalID("order_id", as: PurchaseOrderID.self, table: table),
                    sku: try line.optionalString("sku"), quantity: try line.int("quantity"),
                    unitPrice: try money(line, "unit_price", currency), net: try money(line, "net", currency))
            }
            bills.append(
                SupplierBill(
                    id: id, supplierID: try row.id("supplier_id", as: SupplierID.self, table: table),
                    invoiceNumber: try row.string("invoice_number"), billDate: try row.date("bill_date"),
                    dueDate: try row.date("due_date"), currency: currency, net: try money(row, "net", currency),
                    tax: try money(row, "tax", currency), taxRate: try row.optionalInt("tax_rate"),
                    total: try money(row, "total", currency),
                    paid: try money(row, "paid", currency),
                    approval: try row.enumeration("approval", as: BillApproval.self, table: table),
                    discrepancies: try decodeJSON(
                        [BillDiscrepancy].self, try row.string("discrepancies"), table: table),
                    decisionReason: try row.optionalString("decision_reason"),
                    decidedAt: try row.optionalDate("decided_at"), recordedAt: try row.date("recorded_at"),
                    lines: lines))
        }
        return bills
    }
}
