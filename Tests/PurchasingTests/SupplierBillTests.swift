import Flows
import Foundation
import Persistence
import Purchasing
import TestSupport
import Testing
import TorvCore

@Suite("Supplier bills")
struct SupplierBillTests {
    /// A supplier (net 30) with an order of 10 shirts at 10.00 and 20 socks at 2.00, all received.
    static func receivedOrder(_ platform: Platform) async throws -> (Supplier, PurchaseOrder) {
        let supplier = try await platform.supplier()
        try await platform.price("SHIRT", .eur(1_000), for: supplier)
        try await platform.price("SOCK", .eur(200), for: supplier)
        let order = try await platform.sentOrder([("SHIRT", 10), ("SOCK", 20)], from: supplier)
        _ = try await platform.receive([("SHIRT", 10), ("SOCK", 20)], against: order)
        return (supplier, order)
    }

    @Test("a matching bill is approved at once and bills the order", arguments: TestBackend.allCases)
    func matched(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (supplier, order) = try await Self.receivedOrder(platform)
            let first = try await platform.bill(
                "INV-1001", for: order, lines: [("SHIRT", 10, .eur(1_005))], tax: .eur(2_500), supplier: supplier)
            #expect(first.approval == .approved && first.discrepancies.isEmpty && first.paymentStatus == .open)
            #expect(first.net == .eur(10_050) && first.total == .eur(12_550) && first.currency == .eur)
            #expect(first.dueDate == first.billDate.addingTimeInterval(30 * 86_400))
            #expect(try await platform.order(order.id).status == .received)

            let second = try await platform.bill(
                "INV-1002", for: order, lines: [("SOCK", 20, .eur(200))], tax: .eur(1_000), supplier: supplier)
            #expect(second.approval == .approved)
            let billed = try await platform.order(order.id)
            #expect(billed.status == .billed && billed.lines.map(\.billedQuantity) == [10, 20])

            let events = try await platform.events(SupplierBillApproved.self)
            #expect(events.map(\.billID) == [first.id, second.id])
            let event = events[0]
            #expect(event.supplierID == supplier.id && event.invoiceNumber == "INV-1001" && event.currency == .eur)
            #expect((event.net, event.tax, event.total) == (.eur(10_050), .eur(2_500), .eur(12_550)))
            #expect(event.billDate == first.billDate && event.dueDate == first.dueDate && !event.overridden)
            #expect(event.lines.first?.receivedUnitCost == .eur(1_000) && event.lines.first?.unitPrice == .eur(1_005))

            let closed = try await platform.write { p, db in try await p.close(order.id, by: .buyer, on: db) }
            #expect(closed.status == .closed && closed.closeReason == nil)
        }
    }

    @Test(
        "a bill that does not match waits on hold until staff approve it with a reason", arguments: TestBackend.allCases
    )
    func heldAndOverridden(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (supplier, order) = try await Self.receivedOrder(platform)
            let held = try await platform.bill(
                "INV-2001", for: order, lines: [("SHIRT", 12, .eur(1_200)), ("SOCK", 20, .eur(200))], supplier: supplier
            )
            #expect(held.approval == .onHold)
            #expect(held.discrepancies.map(\.kind) == [.billedMoreThanReceived, .priceDiffers])
            #expect(try await platform.events(SupplierBillHeld.self).first?.discrepancies == held.discrepancies)
            #expect(try await platform.events(SupplierBillApproved.self).isEmpty)
            // Held bills are not paid.
            await #expect(throws: PurchasingError.billNotApproved(.onHold)) {
                try await platform.write { p, db in
                    try await p.recordPayment(
                        held.id, amount: .eur(100), paidAt: env.clock.now, reference: "bank-1", by: .buyer, on: db)
                }
            }
            let noReason = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in try await p.approve(held.id, overriding: " ", by: .buyer, on: db) }
            }
            #expect(noReason?.problems == ["/reason reason_required"])

            let approved = try await platform.write { p, db in
                try await p.approve(held.id, overriding: "agreed price rise, 2 spare shirts", by: .buyer, on: db)
            }
            #expect(approved.approval == .approved && approved.decisionReason == "agreed price rise, 2 spare shirts")
            #expect(approved.discrepancies == held.discrepancies)
            #expect(try await platform.read { p, db in try await p.bill(held.id, on: db) } == approved)
            let event = try #require(try await platform.events(SupplierBillApproved.self).first)
            #expect(event.overridden && event.total == .eur(14_400 + 4_000))
            let billed = try await platform.order(order.id)
            #expect(billed.lines.map(\.billedQuantity) == [12, 20] && billed.status == .billed)
            await #expect(throws: PurchasingError.billNotOnHold(.approved)) {
                try await platform.write { p, db in
                    try await p.approve(held.id, overriding: "again", by: .buyer, on: db)
                }
            }
            #expect(try await platform.auditActions().contains("supplier_bill.approved"))
        }
    }

    @Test(
        "a rejected bill stops counting; a recheck approves a bill once the goods arrived",
        arguments: TestBackend.allCases)
    func rejectAndRecheck(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let supplier = try await platform.supplier()
            try await platform.price("SHIRT", .eur(1_000), for: supplier)
            let order = try await platform.sentOrder([("SHIRT", 10)], from: supplier)
            _ = try await platform.receive([("SHIRT", 4)], against: order)
            // Billed before the rest arrived.
            let early = try await platform.bill(
                "INV-3001", for: order, lines: [("SHIRT", 10, .eur(1_000))], supplier: supplier)
            #expect(early.approval == .onHold)
            // While that bill is held, its units count: a second bill for the same goods is held too.
            let duplicate = try await platform.bill(
                "INV-3002", for: order, lines: [("SHIRT", 4, .eur(1_000))], supplier: supplier)
            #expect(duplicate.discrepancies.map(\.kind) == [.billedMoreThanReceived])
            let rejected = try await platform.write { p, db in
                try await p.reject(duplicate.id, reason: "same goods as INV-3001", by: .buyer, on: db)
            }
            #expect(rejected.approval == .rejected)

            let stillHeld = try await platform.write { p, db in try await p.recheck(early.id, by: .buyer, on: db) }
            #expect(stillHeld.approval == .onHold && stillHeld.discrepancies.first?.receivedQuantity == 4)
            _ = try await platform.receive([("SHIRT", 6)], against: order)
            let approved = try await platform.write { p, db in try await p.recheck(early.id, by: .buyer, on: db) }
            #expect(approved.approval == .approved && approved.discrepancies.isEmpty && approved.decisionReason == nil)
            #expect(try await platform.order(order.id).status == .billed)
            let event = try #require(try await platform.events(SupplierBillApproved.self).first)
            #expect(event.billID == early.id && !event.overridden)
            await #expect(throws: PurchasingError.billNotOnHold(.rejected)) {
                try await platform.write { p, db in try await p.recheck(rejected.id, by: .buyer, on: db) }
            }
        }
    }

    @Test(
        "invoice numbers are unique per supplier; bad bills are refused field by field", arguments: TestBackend.allCases
    )
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (supplier, order) = try await Self.receivedOrder(platform)
            _ = try await platform.bill("INV-1", for: order, lines: [("SHIRT", 1, .eur(1_000))], supplier: supplier)
            let duplicate = await #expect(throws: ValidationError.self) {
                try await platform.bill(" inv-1 ", for: order, lines: [("SHIRT", 1, .eur(1_000))], supplier: supplier)
            }
            #expect(duplicate?.problems == ["/invoice_number duplicate_bill_number"])
            // Another supplier may use the same number.
            let other = try await platform.supplier(.fixture("Other"))
            let otherOrder = try await platform.draftOrder(
                [PurchaseOrderLineDraft(sku: "HAT", quantity: 1, unitCost: .eur(100))], from: other)
            let foreign = try await platform.bill(
                "INV-1", for: otherOrder, lines: [("HAT", 1, .eur(100))], supplier: other)
            #expect(foreign.approval == .onHold)

            let line = order.lines[0].id
            let now = env.clock.now
            let bad = SupplierBillDraft(
                supplierID: supplier.id, invoiceNumber: "", billDate: now, dueDate: now.addingTimeInterval(-86_400),
                lines: [
                    SupplierBillLineDraft(orderLineID: line, quantity: 0, unitPrice: .eur(1_000)),
                    SupplierBillLineDraft(orderLineID: line, quantity: 1, unitPrice: .sek(1_000)),
                ], tax: .sek(100), total: .eur(1_100))
            let error = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in try await p.recordBill(bad, by: .buyer, on: db) }
            }
            #expect(
                error?.problems == [
                    "/invoice_number invoice_number_required", "/lines/0/quantity quantity_must_be_positive",
                    "/lines/1/unit_price/currency currency_mismatch", "/tax/currency currency_mismatch",
                    "/tax_rate tax_rate_required", "/due_date due_before_bill_date",
                ])
            let wrongTotal = SupplierBillDraft(
                supplierID: supplier.id, invoiceNumber: "INV-9", billDate: now,
                lines: [SupplierBillLineDraft(orderLineID: line, quantity: 2, unitPrice: .eur(1_000))], tax: .eur(500),
                taxRate: 2500, total: .eur(2_400))
            let total = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in try await p.recordBill(wrongTotal, by: .buyer, on: db) }
            }
            #expect(total?.problems == ["/total total_mismatch"])
            #expect(total?.fieldErrors.first?.message == "must equal the lines' net plus tax, 25.00 EUR")
            let unknown = SupplierBillDraft(
                supplierID: SupplierID.generate(), invoiceNumber: "X", billDate: now, lines: [], tax: .eur(0),
                total: .eur(0))
            let missing = await #expect(throws: ValidationError.self) {
                try await platform.write { p, db in try await p.recordBill(unknown, by: .buyer, on: db) }
            }
            #expect(missing?.problems == ["/supplier_id unknown_supplier"])
            // Naming another supplier's line is an unknown line, held for a decision.
            let crossed = try await platform.bill(
                "INV-X", for: otherOrder, lines: [("HAT", 1, .eur(100))], supplier: supplier)
            #expect(crossed.discrepancies.map(\.kind) == [.unknownLine] && crossed.lines[0].orderID == nil)
        }
    }
}
