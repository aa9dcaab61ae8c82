import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Cancellation")
struct CancellationTests {
    @Test(
        "a placed order cancels with nothing to settle; the hold is handed back to the flow",
        arguments: TestBackend.allCases)
    func placed(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.place(.fixture()).order
            let cancelled = try await platform.write { orders, db in
                try await orders.cancel(order.id, reason: "Ordered twice", by: .clerk, on: db)
            }
            #expect(cancelled.order.status == .cancelled)
            #expect(cancelled.order.cancellationReason == "Ordered twice")
            #expect(cancelled.order.cancelledAt == env.clock.now)
            #expect(cancelled.payment == .nothingToSettle)
            #expect(cancelled.stockReservationID == "rsv_1")
            #expect(cancelled.order.lines.map(\.cancelledQuantity) == [3, 1])
            await #expect(throws: OrdersError.invalidOrderTransition(from: .cancelled, to: .cancelled)) {
                try await platform.write { orders, db in
                    try await orders.cancel(order.id, reason: "Again", by: .clerk, on: db)
                }
            }
            await #expect(throws: OrdersError.invalidOrderTransition(from: .cancelled, to: .paid)) {
                try await platform.write { orders, db in try await orders.markPaid(order.id, paymentID: "pay_1", on: db)
                }
            }
            let cancelledEvents = try await platform.events(OrderCancelled.self)
            #expect(cancelledEvents.map(\.previousStatus) == [.placed])
            #expect(cancelledEvents.map(\.stockReservationID) == ["rsv_1"])
        }
    }

    @Test(
        "a paid order with an unshipped fulfilment cancels it and asks for the payment back",
        arguments: TestBackend.allCases)
    func paid(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            let fulfilment = try await platform.write { orders, db in
                try await orders.createFulfilment(order.id, lines: [(order.lines[0].id, 2)], by: .clerk, on: db)
            }
            let cancelled = try await platform.write { orders, db in
                try await orders.cancel(order.id, reason: "Out of stock", by: .clerk, on: db)
            }
            #expect(cancelled.payment == .voidOrRefund(paymentID: "pay_chk_1", amount: .eur(5890)))
            #expect(cancelled.order.lines.map(\.fulfilledQuantity) == [0, 0])
            let after = try await platform.read { orders, db in try await orders.fulfilment(fulfilment.id, on: db) }
            #expect(after.status == .cancelled)
            await #expect(throws: OrdersError.invalidFulfilmentTransition(from: .cancelled, to: .shipped)) {
                try await platform.write { orders, db in
                    try await orders.ship(fulfilment.id, carrier: "DHL", trackingNumber: "JD0001", by: .clerk, on: db)
                }
            }
        }
    }

    @Test("once anything has shipped, the order can no longer be cancelled", arguments: TestBackend.allCases)
    func shipped(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            let fulfilment = try await platform.write { orders, db in
                try await orders.createFulfilment(order.id, lines: [(order.lines[1].id, 1)], by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in
                try await orders.ship(fulfilment.id, carrier: "DHL", trackingNumber: "JD0001", by: .clerk, on: db)
            }
            await #expect(throws: OrdersError.invalidOrderTransition(from: .partiallyFulfilled, to: .cancelled)) {
                try await platform.write { orders, db in
                    try await orders.cancel(order.id, reason: "Too late", by: .clerk, on: db)
                }
            }
            await #expect(throws: ValidationError.self) {
                try await platform.write { orders, db in
                    try await orders.cancel(order.id, reason: " ", by: .clerk, on: db)
                }
            }
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.write { orders, db in
                    try await orders.cancel(OrderID.generate(env.ids), reason: "Gone", by: .clerk, on: db)
                }
            }
            let current = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(current.status == .partiallyFulfilled)
        }
    }
}
