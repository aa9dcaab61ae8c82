import Flows
import Foundation
import Persistence
import Purchasing
import TestSupport
import Testing
import TorvCore

@Suite("Purchasing lifecycle")
struct LifecycleTests {
    @Test(
        "order, send, receive in two deliveries, return, bill, pay and close: every step announced and audited",
        arguments: TestBackend.allCases)
    func happyPath(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier(.fixture("Nordic Textiles AB", terms: 45))
            try await platform.price("SHIRT", .eur(1_000), lead: 14, for: supplier)
            try await platform.price("SOCK", .eur(200), lead: 7, for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 10), ("SOCK", 30)], from: supplier)
            #expect(order.status == .sent && order.expectedAt == env.clock.now.addingTimeInterval(14 * 86_400))
            let onOrder = try await platform.read { p, db in try await p.onOrder(skus: ["SOCK"], on: db) }
            #expect(onOrder.map { "\($0.number) \($0.sku) \($0.openQuantity)" } == ["PO-000001 SOCK 30"])

            env.clock.advance(by: 10 * 86_400)
            let first = try await platform.receive([("SHIRT", 10), ("SOCK", 20)], against: order)
            #expect(try await platform.order(order.id).status == .partiallyReceived)
            env.clock.advance(by: 86_400)
            _ = try await platform.receive([("SOCK", 10)], against: order)
            #expect(try await platform.order(order.id).status == .received)
            _ = try await platform.write { p, db in
                try await p.returnGoods(
                    SupplierReturnRequest(
                        receiptID: first.id,
                        lines: [SupplierReturnLineRequest(sku: "SHIRT", quantity: 1, reason: .damaged)],
                        returnedAt: env.clock.now), by: .buyer, on: db)
            }

            // The supplier bills what was kept: 9 shirts and 30 socks, with 25 % VAT.
            let bill = try await platform.bill(
                "NT-2026-118", for: order, lines: [("SHIRT", 9, .eur(1_000)), ("SOCK", 30, .eur(200))],
                tax: .eur(3_750), supplier: supplier)
            #expect(bill.approval == .approved && bill.total == .eur(18_750))
            #expect(bill.dueDate == bill.billDate.addingTimeInterval(45 * 86_400))
            var current = try await platform.order(order.id)
            #expect(current.status == .billed && current.billedAt == env.clock.now)
            #expect(
                current.lines.map { [$0.receivedQuantity, $0.returnedQuantity, $0.billedQuantity] } == [
                    [10, 1, 9], [30, 0, 30],
                ])
            let payables = try await platform.read { p, db in try await p.payables(supplierID: supplier.id, on: db) }
            #expect(payables.map(\.invoiceNumber) == ["NT-2026-118"] && payables[0].open == .eur(18_750))

            _ = try await platform.write { p, db in
                try await p.recordPayment(
                    bill.id, amount: .eur(18_750), paidAt: env.clock.now, reference: "SEPA-1", by: .buyer, on: db)
            }
            current = try await platform.write { p, db in try await p.close(order.id, by: .buyer, on: db) }
            #expect(current.status == .closed)

            let outbox = platform.outbox
            let types = try await env.database.read { db in try await outbox.history(limit: 1_000, on: db) }
                .map(\.type).filter { $0.hasPrefix("purchasing.") }
            #expect(
                types == [
                    "purchasing.order_sent", "purchasing.goods_received", "purchasing.goods_received",
                    "purchasing.goods_returned", "purchasing.bill_approved", "purchasing.bill_paid",
                    "purchasing.order_closed",
                ])
            let actions = try await platform.auditActions()
            for action in [
                "supplier.created", "supplier.price_set", "purchase_order.created", "purchase_order.sent",
                "purchase_order.goods_received", "purchase_order.goods_returned", "supplier_bill.recorded",
                "supplier_bill.payment_recorded", "purchase_order.closed",
            ] {
                #expect(actions.contains(action), "\(action)")
            }
            let listed = try await platform.read { p, db in
                try await p.orders(supplierID: supplier.id, status: .closed, on: db)
            }
            #expect(listed.map(\.id) == [order.id])
            let bills = try await platform.read { p, db in try await p.bills(supplierID: supplier.id, on: db) }
            #expect(bills.map(\.id) == [bill.id] && bills[0].paymentStatus == .paid)
        }
    }
}
