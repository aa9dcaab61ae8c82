import Flows
import Foundation
import Inventory
import Ledger
import Persistence
import Purchasing
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Buying in, end to end: an order to a supplier, deliveries that reach the shelf at their cost, a
/// return, the supplier's bill matched and paid — and books in which goods received not billed clears
/// to zero, payables equal the open bills and stock at cost equals the inventory account.
@Suite("Purchases into stock and the books")
struct PurchasesFlowTests {
    static let buyer = AuditActor(kind: "staff", id: "stf_buyer")

    static func eur(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .eur) }

    static func write<R: Sendable>(
        _ platform: Platform, _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        try await platform.database.inTransaction { db in try await body(db) }
    }

    static func onHand(_ sku: String, at location: StockLocationID, _ platform: Platform) async throws -> Int {
        try await platform.database.read { db in
            try await platform.inventory.stockLevel(of: sku, at: location, on: db).onHand
        }
    }

    @Test(
        "order, two deliveries, a return, a bill within tolerance and two payments: stock and books follow",
        arguments: TestBackend.allCases)
    func buyingIn(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let purchases = platform.purchases
            let supplier = try await Self.write(platform) { db in
                try await platform.purchasing.createSupplier(
                    SupplierDraft(name: "Nord Textiles", email: "orders@nord.example", currency: .eur), by: Self.buyer,
                    on: db)
            }
            // A draft for a SKU the catalog does not sell, to a location that does not exist, is refused
            // with both problems at once and writes nothing.
            let refused = await #expect(throws: ValidationError.self) {
                try await Self.write(platform) { db in
                    try await purchases.createOrder(
                        PurchaseOrderDraft(
                            supplierID: supplier.id, destinationLocationID: "loc_nowhere",
                            lines: [PurchaseOrderLineDraft(sku: "NOPE", quantity: 1, unitCost: Self.eur(100))]),
                        by: Self.buyer, on: db)
                }
            }
            #expect(
                refused?.fieldErrors.map { "\($0.pointer) \($0.code)" } == [
                    "/destination_location_id unknown_location", "/lines/0/sku unknown_sku",
                ])
            let draft = try await Self.write(platform) { db in
                try await purchases.createOrder(
                    PurchaseOrderDraft(
                        supplierID: supplier.id, destinationLocationID: shop.warehouse.rawValue,
                        lines: [
                            PurchaseOrderLineDraft(sku: "TEE-S", quantity: 10, unitCost: Self.eur(800)),
                            PurchaseOrderLineDraft(sku: "MUG", quantity: 5, unitCost: Self.eur(350)),
                        ]), by: Self.buyer, on: db)
            }
            let order = try await Self.write(platform) { db in
                try await platform.purchasing.send(draft.id, by: Self.buyer, on: db)
            }
            let teeBefore = try await Self.onHand("TEE-S", at: shop.warehouse, platform)

            // First delivery: six tees at the agreed cost, the mugs at a cost that rose to 3.60.
            let first = try await Self.write(platform) { db in
                try await purchases.receive(
                    GoodsReceiptRequest(
                        lines: [
                            GoodsReceiptLineRequest(.sku("TEE-S"), quantity: 6),
                            GoodsReceiptLineRequest(.sku("MUG"), quantity: 5, actualUnitCost: Self.eur(360)),
                        ], locationID: shop.warehouse.rawValue, receivedAt: env.clock.now), against: order.id,
                    by: Self.buyer, on: db)
            }
            #expect(try await Self.onHand("TEE-S", at: shop.warehouse, platform) == teeBefore + 6)
            // A receipt into a location that does not exist is refused before anything is booked.
            let nowhere = await #expect(throws: ValidationError.self) {
                try await Self.write(platform) { db in
                    try await purchases.receive(
                        GoodsReceiptRequest(
                            lines: [GoodsReceiptLineRequest(.sku("TEE-S"), quantity: 1)], locationID: "loc_nowhere",
                            receivedAt: env.clock.now), against: order.id, by: Self.buyer, on: db)
                }
            }
            #expect(nowhere?.fieldErrors.map(\.code) == ["unknown_location"])

            // One tee goes back damaged: out of stock as a supplier return, at the average cost.
            let returned = try await Self.write(platform) { db in
                try await purchases.returnGoods(
                    SupplierReturnRequest(
                        receiptID: first.id,
                        lines: [SupplierReturnLineRequest(sku: "TEE-S", quantity: 1, reason: .damaged)],
                        returnedAt: env.clock.now), by: Self.buyer, on: db)
            }
            #expect(returned.lines.map(\.quantity) == [1])
            #expect(try await Self.onHand("TEE-S", at: shop.warehouse, platform) == teeBefore + 5)
            let card = try await platform.database.read { db in
                try await platform.inventory.movements(of: "TEE-S", at: shop.warehouse, limit: 10, on: db)
            }
            #expect(card.contains { $0.reason == .supplierReturn && $0.quantity == -1 && $0.reference == order.number })

            _ = try await Self.write(platform) { db in
                try await purchases.receive(
                    GoodsReceiptRequest(
                        lines: [GoodsReceiptLineRequest(.sku("TEE-S"), quantity: 4)],
                        locationID: shop.warehouse.rawValue, receivedAt: env.clock.now), against: order.id,
                    by: Self.buyer, on: db)
            }
            #expect(try await Self.onHand("TEE-S", at: shop.warehouse, platform) == teeBefore + 9)

            // The bill: nine tees at 8.05 (within the 1 % tolerance), five mugs at the ordered 3.50.
            let received = try await platform.database.read { db in
                try await platform.purchasing.order(order.id, on: db)
            }
            let lines = received.lines.map { line in
                SupplierBillLineDraft(
                    orderLineID: line.id, quantity: line.keptQuantity,
                    unitPrice: line.sku == "TEE-S" ? Self.eur(805) : Self.eur(350))
            }
            let bill = try await Self.write(platform) { db in
                try await platform.purchasing.recordBill(
                    SupplierBillDraft(
                        supplierID: supplier.id, invoiceNumber: "NT-4711", billDate: env.clock.now, lines: lines,
                        tax: Self.eur(2_249), taxRate: 2_500, total: Self.eur(8_995 + 2_249)), by: Self.buyer, on: db)
            }
            #expect(bill.approval == .approved)
            _ = try await Self.write(platform) { db in
                try await platform.purchasing.recordPayment(
                    bill.id, amount: Self.eur(5_000), paidAt: env.clock.now, reference: "BANK-1", by: Self.buyer,
                    on: db)
            }
            try await BookkeepingTests.deliver(platform)
            var books = try await BookkeepingTests.balances(platform)
            // Receipts credited GRNI 6×8.00 + 5×3.60 + 4×8.00; the return debited 8.00 at average cost;
            // the bill cleared 9×8.00 + 5×3.60: nothing is left received and not billed for this order.
            // (The test shop's opening stock has no purchase order behind it: 150 × its costs.)
            let opening: Int64 = 52 * (800 + 850 + 350)
            #expect(books[DefaultChart.goodsReceivedNotBilled] == -opening)
            #expect(books[DefaultChart.purchasePriceDifferences] == 8_995 - (9 * 800 + 5 * 360))
            #expect(books[DefaultChart.vatReceivable] == 2_249)
            #expect(books[DefaultChart.accountsPayable] == -(11_244 - 5_000))
            #expect(books[DefaultChart.bank] == -5_000)
            let vatLines = try await platform.database.read { db in
                try await platform.ledger.entry(sourceKey: "bill:\(bill.id.rawValue)", on: db)
            }
            #expect(vatLines?.lines.first { $0.accountCode == DefaultChart.vatReceivable }?.vatRate == 2_500)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            _ = try await Self.write(platform) { db in
                try await platform.purchasing.recordPayment(
                    bill.id, amount: Self.eur(6_244), paidAt: env.clock.now, reference: "BANK-2", by: Self.buyer,
                    on: db)
            }
            try await BookkeepingTests.deliver(platform)
            books = try await BookkeepingTests.balances(platform)
            #expect(books[DefaultChart.accountsPayable, default: 0] == 0)
            #expect(books.values.reduce(0, +) == 0)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)

            // Payables in the books that no bill explains are reported.
            _ = try await Self.write(platform) { db in
                try await platform.ledger.post(
                    NewJournalEntry(
                        sourceKey: "manual:ap", postingDate: env.clock.now, description: "Stray payable",
                        lines: [
                            .debit(DefaultChart.bank, Self.eur(100)),
                            .credit(DefaultChart.accountsPayable, Self.eur(100)),
                        ]),
                    on: db)
            }
            let findings = try await InvariantAudit.run(on: platform)
            #expect(findings.map(\.detail).contains { $0.contains(DefaultChart.accountsPayable) })
        }
    }

    @Test("a return cannot take units promised to shoppers", arguments: TestBackend.allCases)
    func returnKeepsReservedStock(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            // The warehouse's own mugs are gone, so the two delivered are the only ones there.
            try await Self.write(platform) { db in
                try await platform.inventory.adjust(
                    StockAdjustment(sku: "MUG", locationID: shop.warehouse, quantity: -50, reason: .writeOff),
                    by: Self.buyer, on: db)
            }
            let supplier = try await Self.write(platform) { db in
                try await platform.purchasing.createSupplier(
                    SupplierDraft(name: "Mugs Ltd", email: "m@mugs.example", currency: .eur), by: Self.buyer, on: db)
            }
            let order = try await Self.write(platform) { db in
                let draft = try await platform.purchases.createOrder(
                    PurchaseOrderDraft(
                        supplierID: supplier.id, destinationLocationID: shop.warehouse.rawValue,
                        lines: [PurchaseOrderLineDraft(sku: "MUG", quantity: 2, unitCost: Self.eur(350))]),
                    by: Self.buyer, on: db)
                return try await platform.purchasing.send(draft.id, by: Self.buyer, on: db)
            }
            let receipt = try await Self.write(platform) { db in
                try await platform.purchases.receive(
                    GoodsReceiptRequest(
                        lines: [GoodsReceiptLineRequest(.sku("MUG"), quantity: 2)],
                        locationID: shop.warehouse.rawValue, receivedAt: env.clock.now), against: order.id,
                    by: Self.buyer, on: db)
            }
            // A shopper holds both mugs.
            let reservation = try await Self.write(platform) { db in
                try await platform.inventory.reserve(
                    [StockRequest(sku: "MUG", quantity: 2)], for: "ord_test",
                    until: env.clock.now.addingTimeInterval(900),
                    on: db)
            }
            #expect(reservation.lines.map(\.locationID) == [shop.warehouse])
            await #expect(throws: InventoryError.self) {
                try await Self.write(platform) { db in
                    try await platform.purchases.returnGoods(
                        SupplierReturnRequest(
                            receiptID: receipt.id,
                            lines: [SupplierReturnLineRequest(sku: "MUG", quantity: 1, reason: .surplus)],
                            returnedAt: env.clock.now), by: Self.buyer, on: db)
                }
            }
            // Nothing was written: the order still shows no return.
            let after = try await platform.database.read { db in try await platform.purchasing.order(order.id, on: db) }
            #expect(after.lines[0].returnedQuantity == 0)
        }
    }
}
