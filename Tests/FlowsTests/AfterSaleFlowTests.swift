import Flows
import Foundation
import Inventory
import Orders
import Payments
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("After the sale across modules")
struct AfterSaleFlowTests {
    static let staff = AuditActor(kind: "staff", id: "stf_test")

    static func paidOrder(_ shop: TestShop, key: String, on platform: Platform) async throws -> CheckoutOutcome {
        let (cart, access) = try await CheckoutFlowTests.readyCart(shop, on: platform)
        let outcome = try await OrderPlacement.checkOut(
            cart, access: access, key: key, payment: .card(number: TestCard.approves), on: platform)
        #expect(outcome.order.status == .paid)
        return outcome
    }

    static func payment(of order: Order, on platform: Platform) async throws -> Payment {
        try #require(
            try await platform.database.read { db in
                try await platform.payments.payments(forReference: order.id.rawValue, on: db).last
            })
    }

    @Test(
        "cancelling a paid order refunds the capture, and refunded_total equals the payment's refunds",
        arguments: TestBackend.allCases)
    func cancellationRefundCounts(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await Self.paidOrder(shop, key: "k1", on: platform)
            let total = placed.order.totals.grandTotal

            // A goodwill refund first, then the cancellation refunds the rest: both count, once each.
            _ = try await AfterSale.refund(
                placed.order.id, amount: Money(minorUnits: 500, currency: total.currency), reason: "Late parcel",
                key: "goodwill", by: Self.staff, on: platform)
            let cancelled = try await AfterSale.cancel(
                placed.order.id, reason: "Changed my mind", by: Self.staff, on: platform)
            let payment = try await Self.payment(of: placed.order, on: platform)

            #expect(cancelled.status == .cancelled)
            #expect(payment.refundedAmount == total)
            #expect(cancelled.refundedTotal == payment.refundedAmount)
            let stored = try await platform.database.read { db in
                try await platform.orders.order(placed.order.id, on: db)
            }
            #expect(stored.refundedTotal == total)
            #expect(try await CheckoutFlowTests.stock("TEE-S", at: shop.warehouse, on: platform).onHand == 50)
            #expect(try await InvariantAudit.run(on: platform).isEmpty)
        }
    }

    @Test("recording the same payment refund twice counts it once", arguments: TestBackend.allCases)
    func refundCountedOnce(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await Self.paidOrder(shop, key: "k2", on: platform)
            let amount = Money(minorUnits: 700, currency: placed.order.currency)
            for _ in 0..<2 {
                _ = try await platform.database.inTransaction { db in
                    try await platform.orders.recordRefund(
                        amount, of: placed.order.id, paymentRefundID: "rfd_same", on: db)
                }
            }
            let stored = try await platform.database.read { db in
                try await platform.orders.order(placed.order.id, on: db)
            }
            #expect(stored.refundedTotal == amount)
            await #expect(throws: OrdersError.self) {
                try await platform.database.inTransaction { db in
                    try await platform.orders.recordRefund(
                        placed.order.totals.grandTotal, of: placed.order.id, paymentRefundID: "rfd_too_much", on: db)
                }
            }
        }
    }

    @Test("a customer cannot cancel another's order: nothing changes", arguments: TestBackend.allCases)
    func customerCancellation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            // A guest's order belongs to no customer: to a signed-in customer it does not exist.
            let guest = try await Self.paidOrder(shop, key: "g", on: platform)
            await #expect(throws: OrdersError.orderNotFound) {
                try await AfterSale.cancel(guest.order.id, ofCustomer: "cus_ada", reason: "mine?", on: platform)
            }
            let stored = try await platform.database.read { db in
                try await platform.orders.order(guest.order.id, on: db)
            }
            #expect(stored.status == .paid)
            #expect(stored.refundedTotal.isZero)
            #expect(try await CheckoutFlowTests.stock("TEE-S", at: shop.warehouse, on: platform).onHand == 48)
        }
    }

    @Test(
        "two staff exchanging the same return at once make exactly one exchange order", arguments: TestBackend.allCases)
    func concurrentExchanges(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            env.clock.advance(by: 60)
            let placed = try await Self.paidOrder(shop, key: "k3", on: platform)
            let tees = try #require(placed.order.lines.first { $0.sku == "TEE-S" })
            let orderReturn = try await platform.database.inTransaction { db in
                let fulfilment = try await platform.orders.createFulfilment(
                    placed.order.id, lines: placed.order.lines.map { ($0.id, $0.quantity) }, by: Self.staff, on: db)
                _ = try await platform.orders.ship(
                    fulfilment.id, carrier: "PostNord", trackingNumber: "PN123456SE", by: Self.staff, on: db)
                let requested = try await platform.orders.requestReturn(
                    placed.order.id, lines: [(tees.id, 1, "Size")], by: .staff(Self.staff), on: db)
                return try await platform.orders.approveReturn(requested.id, by: Self.staff, on: db)
            }
            let before = try await CheckoutFlowTests.stock("MUG", at: shop.warehouse, on: platform).onHand

            let outcomes = await withTaskGroup(of: String.self) { group in
                for quantity in [1, 2] {
                    group.addTask {
                        do {
                            _ = try await Exchanges.exchange(
                                orderReturn.id, for: [ExchangeLine(variantID: shop.mug.rawValue, quantity: quantity)],
                                by: Self.staff, on: platform)
                            return "made"
                        } catch let error as OrdersError {
                            return error.code
                        } catch {
                            return "\(error)"
                        }
                    }
                }
                return await group.reduce(into: [String]()) { $0.append($1) }.sorted()
            }
            #expect(outcomes.filter { $0 == "made" }.count == 1, "\(outcomes)")
            #expect(outcomes.filter { $0 != "made" } == ["exchange_already_linked"], "\(outcomes)")
            let linked = try await platform.database.read { db in
                try await platform.orders.orderReturn(orderReturn.id, on: db)
            }
            let exchangeID = try #require(linked.exchangeOrderID)
            let exchange = try await platform.database.read { db in try await platform.orders.order(exchangeID, on: db)
            }
            let sold = exchange.lines.reduce(0) { $0 + $1.quantity }
            let after = try await CheckoutFlowTests.stock("MUG", at: shop.warehouse, on: platform)
            #expect(after.onHand == before - sold)
            #expect(after.reserved == 0)
            #expect(linked.exchangeCredit == exchange.totals.grandTotal)
        }
    }
}
