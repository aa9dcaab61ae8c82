public import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Purchasing {
    /// An order with its lines and their received, returned and billed quantities.
    public func order(_ id: PurchaseOrderID, on db: any SQLDatabase) async throws -> PurchaseOrder {
        guard let order = try await PurchasingStore.order(id, on: db) else { throw PurchasingError.orderNotFound }
        return order
    }

    /// Orders by ID (creation order), optionally of one supplier or in one state; `after` pages.
    public func orders(
        supplierID: SupplierID? = nil, status: PurchaseOrderStatus? = nil, after cursor: PurchaseOrderID? = nil,
        limit: Int = 50, on db: any SQLDatabase
    ) async throws -> [PurchaseOrder] {
        let ids = try await PurchasingStore.orders(
            supplierID: supplierID, status: status, after: cursor, limit: max(1, min(limit, 500)), on: db)
        var orders: [PurchaseOrder] = []
        for id in ids { orders.append(try await order(id, on: db)) }
        return orders
    }

    /// Lines of sent and partially received orders still awaiting goods, by SKU then expected date:
    /// what replenishment counts as on order. Nil `skus` means every SKU.
    public func onOrder(skus: [String]? = nil, on db: any SQLDatabase) async throws -> [OnOrderLine] {
        try await PurchasingStore.onOrder(skus: skus, on: db)
    }

    /// Units on order per SKU (sum of ``onOrder(skus:on:)``).
    public func quantityOnOrder(skus: [String]? = nil, on db: any SQLDatabase) async throws -> [String: Int] {
        Dictionary(try await onOrder(skus: skus, on: db).map { ($0.sku, $0.openQuantity) }, uniquingKeysWith: +)
    }

    /// The deliveries booked against an order, oldest first.
    public func receipts(of orderID: PurchaseOrderID, on db: any SQLDatabase) async throws -> [GoodsReceipt] {
        _ = try await order(orderID, on: db)
        return try await PurchasingStore.receipts(of: orderID, on: db)
    }

    public func receipt(_ id: GoodsReceiptID, on db: any SQLDatabase) async throws -> GoodsReceipt {
        guard let receipt = try await PurchasingStore.receipt(id, on: db) else { throw PurchasingError.receiptNotFound }
        return receipt
    }

    /// The returns to the supplier from an order's receipts, oldest first.
    public func returns(of orderID: PurchaseOrderID, on db: any SQLDatabase) async throws -> [SupplierReturn] {
        _ = try await order(orderID, on: db)
        return try await PurchasingStore.returns(of: orderID, on: db)
    }

    /// A bill with its lines and stored discrepancies.
    public func bill(_ id: SupplierBillID, on db: any SQLDatabase) async throws -> SupplierBill {
        guard let bill = try await PurchasingStore.bill(id, on: db) else { throw PurchasingError.billNotFound }
        return bill
    }

    /// Bills by ID, optionally of one supplier or with one approval state; `after` pages.
    public func bills(
        supplierID: SupplierID? = nil, approval: BillApproval? = nil, after cursor: SupplierBillID? = nil,
        limit: Int = 50, on db: any SQLDatabase
    ) async throws -> [SupplierBill] {
        try await PurchasingStore.bills(
            where: """
                (\(bind: supplierID?.rawValue) IS NULL OR supplier_id = \(bind: supplierID?.rawValue ?? ""))
                AND (\(bind: approval?.rawValue) IS NULL OR approval = \(bind: approval?.rawValue ?? ""))
                AND id > \(bind: cursor?.rawValue ?? "")
                """, limit: max(1, min(limit, 500)), on: db)
    }

    /// Approved bills with money still owed, by due date: the input of a payables ageing.
    public func payables(supplierID: SupplierID? = nil, on db: any SQLDatabase) async throws -> [PayableBill] {
        try await db.raw(
            """
            SELECT id, supplier_id, invoice_number, bill_date, due_date, currency, total, paid
            FROM purchasing_bills
            WHERE paid < total AND approval = 'approved'
              AND (\(bind: supplierID?.rawValue) IS NULL OR supplier_id = \(bind: supplierID?.rawValue ?? ""))
            ORDER BY due_date, id
            """
        ).all().map { row in
            let currency = try row.currency("currency")
            let total = try PurchasingStore.money(row, "total", currency)
            let paid = try PurchasingStore.money(row, "paid", currency)
            return PayableBill(
                billID: try row.id("id", as: SupplierBillID.self, table: "purchasing_bills"),
                supplierID: try row.id("supplier_id", as: SupplierID.self, table: "purchasing_bills"),
                invoiceNumber: try row.string("invoice_number"), billDate: try row.date("bill_date"),
                dueDate: try row.date("due_date"), total: total,
                open: Money(minorUnits: total.amount - paid.amount, currency: currency))
        }
    }

    /// What the shop owes suppliers by how late it is, as of a date, with the bills behind it.
    public func payablesAgeing(
        asOf: Date, supplierID: SupplierID? = nil, on db: any SQLDatabase
    ) async throws -> (ageing: Ageing, bills: [PayableBill]) {
        let bills = try await payables(supplierID: supplierID, on: db)
        var ageing = Ageing()
        for bill in bills { ageing.add(bill.open, due: bill.dueDate, asOf: asOf) }
        return (ageing, bills)
    }
}
