import Flows
import Foundation
import Inventory
import Persistence
import Purchasing
import TorvCore

/// The demo's buying: two suppliers with price lists, and purchase orders at every stage — an early
/// order received, billed and paid; one whose bill is still open and whose damaged mugs went back; and,
/// today, one partly delivered with a bill on hold over a price, one on its way and a draft.
enum DemoPurchasing {
    static let buyer = AuditActor(kind: "staff", id: "torv demo buyer")

    struct Suppliers {
        var textiles: Supplier
        var ceramics: Supplier
    }

    /// At the start of the history: suppliers, prices, and the first two orders through to their bills.
    static func early(
        skus: [String], unitCosts: [String: Int], warehouse: StockLocationID, on platform: Platform
    ) async throws -> Suppliers {
        let costed = skus.filter { unitCosts[$0] != nil }
        let textilesSKUs = Array(costed.prefix(6))
        let ceramicsSKUs = Array(costed.dropFirst(6).prefix(4))
        let purchasing = platform.purchasing
        let purchases = platform.purchases
        let start = platform.clock.now()
        let costs = unitCosts.mapValues { Money(minorUnits: Int64($0), currency: .eur) }

        let suppliers = try await platform.database.inTransaction { db in
            let textiles = try await purchasing.createSupplier(
                SupplierDraft(
                    name: "Nordwind Textiles AB", email: "orders@nordwind.example", currency: .eur,
                    paymentTermsDays: 30), by: buyer, on: db)
            let ceramics = try await purchasing.createSupplier(
                SupplierDraft(
                    name: "Fjord Ceramics", email: "sales@fjord-ceramics.example", currency: .eur, paymentTermsDays: 14),
                by: buyer, on: db)
            for (supplier, list, lead) in [(textiles, textilesSKUs, 10), (ceramics, ceramicsSKUs, 5)] {
                for sku in list {
                    _ = try await purchasing.setPrice(
                        SupplierPriceDraft(
                            sku: sku, unitCost: costs[sku] ?? .zero(.eur), minimumOrderQuantity: 5, leadTimeDays: lead),
                        for: supplier.id, by: buyer, on: db)
                }
            }
            return Suppliers(textiles: textiles, ceramics: ceramics)
        }

        // Nordwind: ordered, delivered, billed at the agreed prices and paid within terms.
        let first = try await orderAndReceive(
            textilesSKUs.map { ($0, 20) }, from: suppliers.textiles, to: warehouse, on: platform)
        let firstBill = try await bill(first, number: "NW-2026-0412", at: start, on: platform)
        _ = try await platform.database.inTransaction { db in
            try await purchasing.recordPayment(
                firstBill.id, amount: firstBill.total, paidAt: start.addingTimeInterval(21 * 86_400),
                reference: "SEPA NW-2026-0412", by: buyer, on: db)
        }

        // Fjord: delivered with two broken mugs that went back; billed for what was kept, half paid.
        let second = try await orderAndReceive(
            ceramicsSKUs.map { ($0, 12) }, from: suppliers.ceramics, to: warehouse, on: platform)
        if let receipt = try await platform.database.read({ db in try await purchasing.receipts(of: second.id, on: db) }
        )
        .first, let sku = ceramicsSKUs.first {
            _ = try await platform.database.inTransaction { db in
                try await purchases.returnGoods(
                    SupplierReturnRequest(
                        receiptID: receipt.id,
                        lines: [SupplierReturnLineRequest(sku: sku, quantity: 2, reason: .damaged)],
                        returnedAt: start, note: "Broken in transit"), by: buyer, on: db)
            }
        }
        let secondBill = try await bill(second, number: "FC-88231", at: start, on: platform)
        _ = try await platform.database.inTransaction { db in
            try await purchasing.recordPayment(
                secondBill.id,
                amount: Money(minorUnits: secondBill.total.amount / 2, currency: .eur),
                paidAt: start.addingTimeInterval(10 * 86_400), reference: "SEPA FC-88231 part 1", by: buyer, on: db)
        }
        return suppliers
    }

    /// Today: an order partly delivered whose bill waits over a price, one on its way, and a draft.
    static func today(
        _ suppliers: Suppliers, warehouse: StockLocationID, on platform: Platform
    ) async throws {
        let purchasing = platform.purchasing
        let purchases = platform.purchases
        let textiles = try await platform.database.read { db in
            try await purchasing.priceList(of: suppliers.textiles.id, on: db)
        }
        let ceramics = try await platform.database.read { db in
            try await purchasing.priceList(of: suppliers.ceramics.id, on: db)
        }
        let partial = try await send(
            textiles.prefix(3).map { ($0.sku, 30) }, from: suppliers.textiles, to: warehouse, on: platform)
        _ = try await platform.database.inTransaction { db in
            try await purchases.receive(
                GoodsReceiptRequest(
                    lines: partial.lines.map { GoodsReceiptLineRequest(.line($0.id), quantity: 18) },
                    locationID: warehouse.rawValue, receivedAt: platform.clock.now(), note: "First pallet"),
                against: partial.id, by: buyer, on: db)
        }
        // The supplier bills the delivered part 4 % above the agreed price: held for the accountant.
        let held = partial.lines.map {
            SupplierBillLineDraft(
                orderLineID: $0.id, quantity: 18,
                unitPrice: Money(minorUnits: $0.unitCost.amount * 104 / 100, currency: .eur))
        }
        let net = held.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitPrice.amount }
        _ = try await platform.database.inTransaction { db in
            try await purchasing.recordBill(
                SupplierBillDraft(
                    supplierID: suppliers.textiles.id, invoiceNumber: "NW-2026-0977", billDate: platform.clock.now(),
                    lines: held, tax: Money(minorUnits: net / 4, currency: .eur), taxRate: 2_500,
                    total: Money(minorUnits: net + net / 4, currency: .eur)), by: buyer, on: db)
        }
        _ = try await send(ceramics.map { ($0.sku, 24) }, from: suppliers.ceramics, to: warehouse, on: platform)
        _ = try await platform.database.inTransaction { db in
            try await purchases.createOrder(
                PurchaseOrderDraft(
                    supplierID: suppliers.textiles.id, destinationLocationID: warehouse.rawValue,
                    lines: textiles.suffix(2).map { PurchaseOrderLineDraft(sku: $0.sku, quantity: 40) },
                    note: "Restock for the winter campaign"), by: buyer, on: db)
        }
    }

    static func send(
        _ lines: [(String, Int)], from supplier: Supplier, to warehouse: StockLocationID, on platform: Platform
    ) async throws -> PurchaseOrder {
        let purchasing = platform.purchasing
        let purchases = platform.purchases
        return try await platform.database.inTransaction { db in
            let draft = try await purchases.createOrder(
                PurchaseOrderDraft(
                    supplierID: supplier.id, destinationLocationID: warehouse.rawValue,
                    lines: lines.map { PurchaseOrderLineDraft(sku: $0.0, quantity: $0.1) }), by: buyer, on: db)
            return try await purchasing.send(draft.id, by: buyer, on: db)
        }
    }

    static func orderAndReceive(
        _ lines: [(String, Int)], from supplier: Supplier, to warehouse: StockLocationID, on platform: Platform
    ) async throws -> PurchaseOrder {
        let order = try await send(lines, from: supplier, to: warehouse, on: platform)
        let purchases = platform.purchases
        let purchasing = platform.purchasing
        return try await platform.database.inTransaction { db in
            _ = try await purchases.receive(
                GoodsReceiptRequest(
                    lines: order.lines.map { GoodsReceiptLineRequest(.line($0.id), quantity: $0.quantity) },
                    locationID: warehouse.rawValue, receivedAt: platform.clock.now()), against: order.id, by: buyer,
                on: db)
            return try await purchasing.order(order.id, on: db)
        }
    }

    /// The supplier's bill for what was kept, at the ordered prices, with 25 % VAT.
    static func bill(
        _ order: PurchaseOrder, number: String, at date: Date, on platform: Platform
    ) async throws -> SupplierBill {
        let purchasing = platform.purchasing
        return try await platform.database.inTransaction { db in
            let current = try await purchasing.order(order.id, on: db)
            let lines = current.lines.filter { $0.keptQuantity > 0 }.map {
                SupplierBillLineDraft(orderLineID: $0.id, quantity: $0.keptQuantity, unitPrice: $0.unitCost)
            }
            let net = lines.reduce(Int64(0)) { $0 + Int64($1.quantity) * $1.unitPrice.amount }
            let tax = net / 4
            return try await purchasing.recordBill(
                SupplierBillDraft(
                    supplierID: current.supplierID, invoiceNumber: number, billDate: date, lines: lines,
                    tax: Money(minorUnits: tax, currency: .eur), taxRate: 2_500,
                    total: Money(minorUnits: net + tax, currency: .eur)), by: buyer, on: db)
        }
    }
}
