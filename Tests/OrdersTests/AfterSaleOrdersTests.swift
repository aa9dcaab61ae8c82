import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Customer cancellations and exchange credit")
struct AfterSaleOrdersTests {
    /// A pick-up order of one item at `price` (tax included), replacing goods for `returnID`.
    static func exchangeDraft(for returnID: ReturnID, price: Int64, key: String = "exc_1") -> OrderDraft {
        let tax = price * 1900 / 11900
        let item = OrderLineDraft(
            variantID: "var_belt", productID: "prod_belt", sku: "BELT", productTitle: "Belt", variantTitle: "M",
            quantity: 1, unitPrice: .eur(price), subtotal: .eur(price), discount: .eur(0), taxRate: 1900,
            tax: .eur(tax), total: .eur(price))
        return OrderDraft(
            checkoutKey: key, customerID: "cus_ada", email: "ada@example.com", channel: "web", currency: .eur,
            lines: [item], shippingAddress: nil, delivery: .pickup(locationID: "loc_store", name: "Berlin store"),
            totals: OrderTotals(
                subtotal: .eur(price), discount: .eur(0), shipping: .eur(0), tax: .eur(tax), grandTotal: .eur(price)),
            stockReservationID: "rsv_exc", paymentMethod: "exchange", exchangeForReturnID: returnID)
    }

    /// A shipped order with an approved return of its cap (25.00 EUR).
    static func approvedCapReturn(on platform: Platform) async throws -> (Order, OrderReturn) {
        let order = try await platform.paidOrder()
        _ = try await platform.shipEverything(order)
        let orderReturn = try await platform.write { orders, db in
            let requested = try await orders.requestReturn(
                order.id, lines: [(order.lines[1].id, 1, "Wrong size")], by: .customer("cus_ada"), on: db)
            return try await orders.approveReturn(requested.id, by: .clerk, on: db)
        }
        return (order, orderReturn)
    }

    @Test(
        "an exchange is paid with the return's value, which the return's refund then leaves out",
        arguments: TestBackend.allCases)
    func credit(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (_, orderReturn) = try await Self.approvedCapReturn(on: platform)
            let exchange = try await platform.place(Self.exchangeDraft(for: orderReturn.id, price: 2000)).order
            let credited = try await platform.write { orders, db in
                try await orders.creditExchange(orderReturn.id, to: exchange.id, by: .clerk, on: db)
            }
            #expect(credited.exchangeOrderID == exchange.id)
            #expect(credited.exchangeCredit == .eur(2000))
            let (paid, due) = try await platform.read { orders, db in
                (
                    try await orders.order(exchange.id, on: db),
                    try await orders.refundDue(for: orderReturn.id, includeShipping: false, on: db)
                )
            }
            #expect(paid.status == .paid)
            #expect(due == .eur(500))
            await #expect(throws: OrdersError.exchangeAlreadyLinked) {
                try await platform.write { orders, db in
                    try await orders.creditExchange(orderReturn.id, to: exchange.id, by: .clerk, on: db)
                }
            }

            // Cancelled before it ships, the exchange gives the whole value back to the return.
            _ = try await platform.write { orders, db in
                try await orders.cancel(exchange.id, reason: "Out of stock", by: .clerk, on: db)
            }
            let restored = try await platform.read { orders, db in
                try await orders.refundDue(for: orderReturn.id, includeShipping: false, on: db)
            }
            #expect(restored == .eur(2500))
        }
    }

    @Test(
        "an exchange dearer than the return, or for a return not approved, is refused and leaves nothing",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let (order, orderReturn) = try await Self.approvedCapReturn(on: platform)
            await #expect(throws: OrdersError.exchangeExceedsReturnValue(value: .eur(2500))) {
                try await platform.write { orders, db in
                    let placed = try await orders.place(Self.exchangeDraft(for: orderReturn.id, price: 2501), on: db)
                    return try await orders.creditExchange(orderReturn.id, to: placed.order.id, by: .clerk, on: db)
                }
            }
            let unlinked = try await platform.read { orders, db in try await orders.orderReturn(orderReturn.id, on: db)
            }
            #expect(unlinked.exchangeOrderID == nil)
            #expect(unlinked.exchangeCredit == nil)

            let requested = try await platform.write { orders, db in
                try await orders.requestReturn(
                    order.id, lines: [(order.lines[0].id, 1, "Too small")], by: .customer("cus_ada"), on: db)
            }
            await #expect(throws: OrdersError.returnNotExchangeable(status: .requested)) {
                try await platform.write { orders, db in
                    let placed = try await orders.place(
                        Self.exchangeDraft(for: requested.id, price: 500, key: "exc_2"), on: db)
                    return try await orders.creditExchange(requested.id, to: placed.order.id, by: .clerk, on: db)
                }
            }
        }
    }

    @Test(
        "a customer cancels only their own order, and only before a fulfilment starts", arguments: TestBackend.allCases)
    func customerCancellation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let started = try await platform.paidOrder(key: "chk_started")
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.write { orders, db in
                    try await orders.cancel(started.id, ofCustomer: "cus_eve", reason: "not mine", on: db)
                }
            }
            _ = try await platform.write { orders, db in
                try await orders.createFulfilment(
                    started.id, lines: [(lineID: started.lines[0].id, quantity: 1)], by: .clerk, on: db)
            }
            await #expect(throws: OrdersError.orderNotCancellable(status: .paid)) {
                try await platform.write { orders, db in
                    try await orders.cancel(started.id, ofCustomer: "cus_ada", reason: "too slow", on: db)
                }
            }

            let untouched = try await platform.paidOrder(key: "chk_untouched")
            let cancelled = try await platform.write { orders, db in
                try await orders.cancel(untouched.id, ofCustomer: "cus_ada", reason: "changed my mind", on: db)
            }
            #expect(cancelled.order.status == .cancelled)
            #expect(cancelled.payment == .voidOrRefund(paymentID: "pay_chk_untouched", amount: .eur(5890)))
            #expect(
                try await platform.read { orders, db in try await orders.order(started.id, on: db) }.status == .paid)
        }
    }
}
