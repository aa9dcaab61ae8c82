import Flows
import Foundation
import Persistence
import Purchasing
import TestSupport
import Testing
import TorvCore

@Suite("Bill payments")
struct BillPaymentTests {
    static func approvedBill(_ platform: Platform, total: Int64) async throws -> SupplierBill {
        let supplier = try await platform.supplier()
        let order = try await platform.draftOrder(
            [PurchaseOrderLineDraft(sku: "SHIRT", quantity: 1, unitCost: .eur(total))], from: supplier)
        _ = try await platform.write { p, db in try await p.send(order.id, by: .buyer, on: db) }
        _ = try await platform.receive([("SHIRT", 1)], against: order)
        let bill = try await platform.bill("INV-P", for: order, lines: [("SHIRT", 1, .eur(total))], supplier: supplier)
        #expect(bill.approval == .approved)
        return bill
    }

    @Test("partial payments move a bill from open to paid and never overpay", arguments: TestBackend.allCases)
    func payments(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let bill = try await Self.approvedBill(platform, total: 10_000)
            let now = env.clock.now
            func pay(_ amount: Money, _ reference: String) async throws -> (payment: BillPayment, bill: SupplierBill) {
                try await platform.write { p, db in
                    try await p.recordPayment(
                        bill.id, amount: amount, paidAt: now, reference: reference, by: .buyer, on: db)
                }
            }
            let first = try await pay(.eur(4_000), "bank-1")
            #expect(first.bill.paymentStatus == .partiallyPaid && first.bill.open == .eur(6_000))
            #expect(try await pay(.eur(4_000), "bank-1").payment.id == first.payment.id)  // entered twice: once
            await #expect(throws: PurchasingError.paymentReferenceReused) { try await pay(.eur(1), "bank-1") }
            await #expect(throws: PurchasingError.paymentExceedsOpenAmount(open: .eur(6_000))) {
                try await pay(.eur(6_001), "bank-2")
            }
            let refused = await #expect(throws: ValidationError.self) { try await pay(.sek(100), "bank-3") }
            #expect(refused?.problems == ["/amount/currency currency_mismatch"])
            let invalid = await #expect(throws: ValidationError.self) { try await pay(.eur(0), " ") }
            #expect(invalid?.problems == ["/amount invalid_amount", "/reference reference_required"])
            let last = try await pay(.eur(6_000), "bank-2")
            #expect(last.bill.paymentStatus == .paid && last.bill.open == .eur(0))
            #expect(try await platform.read { p, db in try await p.payables(on: db) }.isEmpty)
            let paid = try await platform.events(SupplierBillPaid.self)
            #expect(paid.map(\.amount) == [.eur(4_000), .eur(6_000)])
            #expect(paid.map(\.paymentStatus) == [.partiallyPaid, .paid])
            #expect(paid[1].paymentID == last.payment.id && paid[1].billID == bill.id && paid[1].paidAt == now)
            let history = try await platform.read { p, db in try await p.payments(of: bill.id, on: db) }
            #expect(history.map(\.reference) == ["bank-1", "bank-2"])
        }
    }

    @Test("payments at once never take more than is open", arguments: TestBackend.allCases)
    func concurrentPayments(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let bill = try await Self.approvedBill(platform, total: 51_000)
            let purchasing = platform.purchasing
            let now = env.clock.now
            let other = try await env.openAnotherPool()
            // Fourteen payments of 5 000 against 51 000 from two pools: ten fit.
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<14 {
                    let database = index % 2 == 0 ? env.database : other
                    group.addTask {
                        do {
                            _ = try await database.inTransaction { db in
                                try await purchasing.recordPayment(
                                    bill.id, amount: .eur(5_000), paidAt: now, reference: "bank-\(index)", by: .buyer,
                                    on: db)
                            }
                            return true
                        } catch PurchasingError.paymentExceedsOpenAmount {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            await other.shutdown()
            #expect(outcomes.filter { $0 }.count == 10)
            let paid = try await platform.read { p, db in try await p.bill(bill.id, on: db) }
            #expect(paid.paid == .eur(50_000) && paid.paymentStatus == .partiallyPaid)
            let payments = try await platform.read { p, db in try await p.payments(of: bill.id, on: db) }
            #expect(payments.count == 10)
            #expect(try await platform.events(SupplierBillPaid.self).count == 10)
            let payables = try await platform.read { p, db in try await p.payables(on: db) }
            #expect(payables.map(\.open) == [.eur(1_000)] && payables[0].dueDate == bill.dueDate)
        }
    }
}
