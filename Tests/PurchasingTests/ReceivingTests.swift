import Flows
import Foundation
import Persistence
import Purchasing
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Receiving and returns")
struct ReceivingTests {
    @Test("receipts advance the order and announce goods at cost", arguments: TestBackend.allCases)
    func receive(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            try await platform.price("SOCK", .eur(200), for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 10), ("SOCK", 20)], from: supplier)
            let shirtLine = order.lines[0].id
            let now = env.clock.now
            let first = try await platform.write { p, db in
                try await p.receive(
                    GoodsReceiptRequest(
                        lines: [
                            GoodsReceiptLineRequest(.line(shirtLine), quantity: 4, actualUnitCost: .eur(1_050)),
                            GoodsReceiptLineRequest(.sku("SOCK"), quantity: 20),
                        ], locationID: "loc_berlin", receivedAt: now, note: "pallet 1"), against: order.id, by: .buyer,
                    on: db)
            }
            #expect(first.lines.map(\.unitCost) == [.eur(1_050), .eur(200)])
            var current = try await platform.order(order.id)
            #expect(current.status == .partiallyReceived && current.receivedAt == nil)
            #expect(current.lines.map(\.receivedQuantity) == [4, 20])
            #expect(try await platform.read { p, db in try await p.quantityOnOrder(on: db) } == ["SHIRT": 6])

            _ = try await platform.receive([("SHIRT", 6)], against: order, at: "loc_hamburg")
            current = try await platform.order(order.id)
            #expect(current.status == .received && current.receivedAt == env.clock.now)
            #expect(try await platform.read { p, db in try await p.onOrder(on: db) }.isEmpty)

            let events = try await platform.events(GoodsReceived.self)
            #expect(events.count == 2)
            #expect(
                events[0].receiptID == first.id && events[0].orderID == order.id && events[0].number == order.number)
            #expect(events[0].supplierID == supplier.id && events[0].locationID == "loc_berlin")
            #expect(
                events[0].lines.map { "\($0.sku) \($0.quantity) \($0.unitCost)" } == [
                    "SHIRT 4 10.50 EUR", "SOCK 20 2.00 EUR",
                ])
            #expect(events[1].locationID == "loc_hamburg" && events[1].lines.map(\.quantity) == [6])
            let receipts = try await platform.read { p, db in try await p.receipts(of: order.id, on: db) }
            #expect(receipts.map(\.id) == [first.id, events[1].receiptID] && receipts[0].note == "pallet 1")
            #expect(try await platform.auditActions().filter { $0 == "purchase_order.goods_received" }.count == 2)
        }
    }

    @Test("over-deliveries, unknown lines and unsent orders are refused", arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            try await platform.price("SOCK", .eur(200), for: supplier)
            let draft = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 1)], from: supplier)
            await #expect(throws: PurchasingError.invalidTransition(from: .draft, action: .receive)) {
                try await platform.receive([("SHIRT", 1)], against: draft)
            }
            let order = try await platform.sentOrder([("SHIRT", 10), ("SOCK", 5)], from: supplier)
            _ = try await platform.receive([("SHIRT", 8)], against: order)
            let now = env.clock.now
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in
                    try await p.receive(
                        GoodsReceiptRequest(
                            lines: [
                                GoodsReceiptLineRequest(.sku("SHIRT"), quantity: 3),
                                GoodsReceiptLineRequest(.sku("HAT"), quantity: 1),
                                GoodsReceiptLineRequest(.line(PurchaseOrderLineID.generate()), quantity: 1),
                                GoodsReceiptLineRequest(.sku("SOCK"), quantity: 1, actualUnitCost: .sek(10)),
                                GoodsReceiptLineRequest(.line(order.lines[1].id), quantity: 1),
                            ], locationID: "loc_berlin", receivedAt: now), against: order.id, by: .buyer, on: db)
                }
            }
            #expect(
                error?.problems == [
                    "/lines/0/quantity over_receipt", "/lines/1/sku unknown_order_line",
                    "/lines/2/line_id unknown_order_line", "/lines/3/actual_unit_cost/currency currency_mismatch",
                    "/lines/4/line_id duplicate_line",
                ])
            #expect(error?.fieldErrors.first?.message == "only 2 units are still to arrive")
            let zero = await #expect(throws: ValidationError.self) {
                try await platform.receive([("SHIRT", 0)], against: order, at: "")
            }
            #expect(
                zero?.problems == ["/location_id location_required", "/lines/0/quantity quantity_must_be_positive"])
            // Nothing of the refused receipts was kept.
            #expect(try await platform.order(order.id).lines.map(\.receivedQuantity) == [8, 0])
            #expect(try await platform.events(GoodsReceived.self).count == 1)
        }
    }

    @Test("receipts at once never take more than was ordered", arguments: TestBackend.allCases)
    func concurrentReceipts(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 50)], from: supplier)
            let other = try await env.openAnotherPool()
            let purchasing = platform.purchasing
            let now = env.clock.now
            // Thirty deliveries of 3 from two pools against 50 ordered: 16 fit (48), the rest are refused.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<30 {
                    let database = index % 2 == 0 ? env.database : other
                    group.addTask {
                        do {
                            _ = try await database.inTransaction { db in
                                try await purchasing.receive(
                                    GoodsReceiptRequest(
                                        lines: [GoodsReceiptLineRequest(.sku("SHIRT"), quantity: 3)],
                                        locationID: "loc_berlin", receivedAt: now), against: order.id, by: .buyer,
                                    on: db)
                            }
                            return true
                        } catch let error as ValidationError where error.problems == ["/lines/0/quantity over_receipt"]
                        {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            await other.shutdown()
            #expect(outcomes.filter { $0 }.count == 16)
            let received = try await platform.order(order.id)
            #expect(received.lines[0].receivedQuantity == 48 && received.status == .partiallyReceived)
            let receipts = try await platform.read { p, db in try await p.receipts(of: order.id, on: db) }
            #expect(receipts.flatMap(\.lines).reduce(0) { $0 + $1.quantity } == 48)
            #expect(try await platform.events(GoodsReceived.self).count == 16)
            // The last two units still fit.
            _ = try await platform.receive([("SHIRT", 2)], against: order)
            #expect(try await platform.order(order.id).status == .received)
        }
    }

    @Test("returns leave at the receipt's cost and never exceed what it brought", arguments: TestBackend.allCases)
    func returns(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            try await platform.price("SOCK", .eur(200), for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 10), ("SOCK", 10)], from: supplier)
            let now = env.clock.now
            let first = try await platform.write { p, db in
                try await p.receive(
                    GoodsReceiptRequest(
                        lines: [GoodsReceiptLineRequest(.sku("SHIRT"), quantity: 6, actualUnitCost: .eur(1_100))],
                        locationID: "loc_hamburg", receivedAt: now), against: order.id, by: .buyer, on: db)
            }
            let second = try await platform.receive([("SHIRT", 4), ("SOCK", 10)], against: order)

            func giveBack(
                _ receipt: GoodsReceiptID, _ lines: [SupplierReturnLineRequest]
            ) async throws -> SupplierReturn {
                try await platform.write { p, db in
                    try await p.returnGoods(
                        SupplierReturnRequest(receiptID: receipt, lines: lines, returnedAt: now, note: "RMA-7"),
                        by: .buyer, on: db)
                }
            }
            let returned = try await giveBack(
                first.id, [SupplierReturnLineRequest(sku: "SHIRT", quantity: 2, reason: .damaged)])
            #expect(returned.locationID == "loc_hamburg" && returned.lines[0].unitCost == .eur(1_100))
            let event = try #require(try await platform.events(GoodsReturned.self).first)
            #expect(event.returnID == returned.id && event.receiptID == first.id && event.orderID == order.id)
            #expect(event.locationID == "loc_hamburg" && event.supplierID == supplier.id && event.reasons == [.damaged])
            #expect(event.lines.map { "\($0.sku) \($0.quantity) \($0.unitCost)" } == ["SHIRT 2 11.00 EUR"])

            // The first receipt has 4 shirts left to give back, whatever the second brought.
            let tooMany = await #expect(throws: ValidationError.self) {
                try await giveBack(
                    first.id,
                    [
                        SupplierReturnLineRequest(sku: "SHIRT", quantity: 5, reason: .surplus),
                        SupplierReturnLineRequest(sku: "SOCK", quantity: 1, reason: .surplus),
                    ])
            }
            #expect(tooMany?.problems == ["/lines/0/quantity over_return", "/lines/1/sku unknown_order_line"])
            #expect(tooMany?.fieldErrors.first?.message == "only 4 units of this receipt can be returned")
            _ = try await giveBack(first.id, [SupplierReturnLineRequest(sku: "SHIRT", quantity: 4, reason: .defective)])
            _ = try await giveBack(
                second.id, [SupplierReturnLineRequest(sku: "SOCK", quantity: 10, reason: .wrongItem)])
            await #expect(throws: ValidationError.self) {
                try await giveBack(second.id, [SupplierReturnLineRequest(sku: "SOCK", quantity: 1, reason: .other)])
            }
            let current = try await platform.order(order.id)
            #expect(current.lines.map(\.returnedQuantity) == [6, 10] && current.lines.map(\.keptQuantity) == [4, 0])
            let history = try await platform.read { p, db in try await p.returns(of: order.id, on: db) }
            #expect(history.count == 3 && history[0].note == "RMA-7")
            await #expect(throws: PurchasingError.receiptNotFound) {
                try await giveBack(
                    GoodsReceiptID.generate(), [SupplierReturnLineRequest(sku: "SOCK", quantity: 1, reason: .other)])
            }
        }
    }

    @Test("receipts and returns cannot be edited or deleted", arguments: TestBackend.allCases)
    func appendOnly(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 10)], from: supplier)
            _ = try await platform.receive([("SHIRT", 10)], against: order)
            for statement in [
                "UPDATE purchasing_receipt_lines SET quantity = 99", "DELETE FROM purchasing_receipts",
                "UPDATE purchasing_receipts SET location_id = 'elsewhere'",
            ] {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await env.database.inTransaction { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
            // The CHECK stops received from passing ordered even for SQL that skips the facade.
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw("UPDATE purchasing_order_lines SET received_quantity = 11").run()
                }
            }
        }
    }
}
