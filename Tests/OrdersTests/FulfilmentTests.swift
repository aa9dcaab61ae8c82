import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Fulfilment")
struct FulfilmentTests {
    @Test(
        "an order goes placed → paid → fulfilled → delivered, with a timeline entry per step",
        arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.place(.fixture()).order
            await #expect(throws: OrdersError.invalidOrderTransition(from: .placed, to: .partiallyFulfilled)) {
                try await platform.write { orders, db in
                    try await orders.createFulfilment(
                        order.id, lines: [(order.lines[0].id, 1)], by: .clerk, on: db)
                }
            }
            let paid = try await platform.write { orders, db in
                try await orders.markPaid(order.id, paymentID: "pay_1", on: db)
            }
            #expect(paid.status == .paid)
            #expect(paid.paymentID == "pay_1")
            // The provider's webhook arrives twice: same answer, no second event.
            let repaid = try await platform.write { orders, db in
                try await orders.markPaid(order.id, paymentID: "pay_1", on: db)
            }
            #expect(repaid == paid)
            await #expect(throws: OrdersError.alreadyPaid) {
                try await platform.write { orders, db in try await orders.markPaid(order.id, paymentID: "pay_2", on: db)
                }
            }

            let fulfilment = try await platform.write { orders, db in
                try await orders.createFulfilment(
                    order.id, lines: order.lines.map { ($0.id, $0.quantity) }, locationID: "loc_wh", by: .clerk, on: db)
            }
            #expect(fulfilment.status == .pending)
            #expect(fulfilment.kind == .shipping)
            _ = try await platform.write { orders, db in try await orders.markPicked(fulfilment.id, by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in try await orders.markPacked(fulfilment.id, by: .clerk, on: db)
            }
            await #expect(throws: OrdersError.invalidFulfilmentTransition(from: .packed, to: .delivered)) {
                try await platform.write { orders, db in
                    try await orders.markDelivered(fulfilment.id, by: .clerk, on: db)
                }
            }
            await #expect(throws: ValidationError.self) {
                try await platform.write { orders, db in
                    try await orders.ship(fulfilment.id, carrier: " ", trackingNumber: "no spaces!", by: .clerk, on: db)
                }
            }
            let shipped = try await platform.write { orders, db in
                try await orders.ship(fulfilment.id, carrier: "DHL", trackingNumber: "JD014600003", by: .clerk, on: db)
            }
            #expect(shipped.status == .shipped)
            #expect(shipped.trackingNumber == "JD014600003")
            var current = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(current.status == .fulfilled)
            #expect(current.lines.map(\.shippedQuantity) == [3, 1])
            await #expect(throws: OrdersError.invalidOrderTransition(from: .fulfilled, to: .cancelled)) {
                try await platform.write { orders, db in
                    try await orders.cancel(order.id, reason: "Changed my mind", by: .clerk, on: db)
                }
            }

            _ = try await platform.write { orders, db in
                try await orders.markDelivered(fulfilment.id, by: .clerk, on: db)
            }
            current = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(current.status == .delivered)
            await #expect(throws: OrdersError.invalidFulfilmentTransition(from: .delivered, to: .delivered)) {
                try await platform.write { orders, db in
                    try await orders.markDelivered(fulfilment.id, by: .clerk, on: db)
                }
            }

            _ = try await platform.write { orders, db in
                try await orders.addNote(
                    order.id, text: "Left with neighbour", visibleToCustomer: true, by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in
                try await orders.addNote(
                    order.id, text: "Customer was rude", visibleToCustomer: false, by: .clerk, on: db)
            }
            let timeline = try await platform.read { orders, db in try await orders.timeline(order.id, on: db) }
            #expect(
                timeline.map(\.kind) == [
                    "order.placed", "order.paid", "fulfilment.created", "fulfilment.picked", "fulfilment.packed",
                    "fulfilment.shipped", "order.fulfilled", "fulfilment.delivered", "order.delivered", "order.note",
                    "order.note",
                ])
            let customerView = try await platform.read { orders, db in
                try await orders.timeline(order.id, ofCustomer: "cus_ada", on: db)
            }
            #expect(!customerView.contains { $0.message == "Customer was rude" })
            #expect(customerView.contains { $0.message == "Left with neighbour" })
            #expect(
                try await platform.eventTypes() == [
                    "order.placed", "order.paid", "fulfilment.created", "fulfilment.picked", "fulfilment.packed",
                    "fulfilment.shipped", "fulfilment.delivered", "order.note_added", "order.note_added",
                ])
            // The timeline is history: the database refuses to edit it.
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in try await db.raw("DELETE FROM order_events").run() }
            }
        }
    }

    @Test(
        "partial fulfilment: the order is partially fulfilled until the last unit ships",
        arguments: TestBackend.allCases)
    func partial(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            let shirt = order.lines[0].id
            let cap = order.lines[1].id
            let first = try await platform.write { orders, db in
                try await orders.createFulfilment(order.id, lines: [(shirt, 2)], by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in
                try await orders.ship(first.id, carrier: "DHL", trackingNumber: "JD0001", by: .clerk, on: db)
            }
            #expect(
                try await platform.read { orders, db in try await orders.order(order.id, on: db) }.status
                    == .partiallyFulfilled)
            // Only one shirt remains to fulfil: asking for two points at the line.
            await #expect(throws: OrdersError.quantityUnavailable(line: 1, remaining: 1)) {
                try await platform.write { orders, db in
                    try await orders.createFulfilment(order.id, lines: [(cap, 1), (shirt, 2)], by: .clerk, on: db)
                }
            }
            // The failed attempt left nothing behind (the cap was rolled back with it).
            let unchanged = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(unchanged.lines.map(\.fulfilledQuantity) == [2, 0])
            await #expect(throws: ValidationError.self) {
                try await platform.write { orders, db in
                    try await orders.createFulfilment(
                        order.id, lines: [(OrderLineID.generate(env.ids), 1), (cap, 0)], by: .clerk, on: db)
                }
            }
            let second = try await platform.write { orders, db in
                try await orders.createFulfilment(order.id, lines: [(shirt, 1), (cap, 1)], by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in
                try await orders.ship(second.id, carrier: "UPS", trackingNumber: "1Z999", by: .clerk, on: db)
            }
            _ = try await platform.write { orders, db in try await orders.markDelivered(second.id, by: .clerk, on: db) }
            // One parcel is still on its way: fulfilled, not delivered.
            #expect(
                try await platform.read { orders, db in try await orders.order(order.id, on: db) }.status == .fulfilled)
            _ = try await platform.write { orders, db in try await orders.markDelivered(first.id, by: .clerk, on: db) }
            #expect(
                try await platform.read { orders, db in try await orders.order(order.id, on: db) }.status == .delivered)
        }
    }

    @Test("32 concurrent one-unit fulfilments of a 3-unit line: exactly 3 succeed", arguments: TestBackend.allCases)
    func concurrentFulfilment(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder()
            let shirt = order.lines[0].id
            let created = try await withThrowingTaskGroup(of: Bool.self) { group in
                for _ in 0..<32 {
                    group.addTask {
                        do {
                            _ = try await platform.write { orders, db in
                                try await orders.createFulfilment(order.id, lines: [(shirt, 1)], by: .clerk, on: db)
                            }
                            return true
                        } catch OrdersError.quantityUnavailable {
                            return false
                        }
                    }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 3)
            let fulfilments = try await platform.read { orders, db in try await orders.fulfilments(of: order.id, on: db)
            }
            #expect(fulfilments.count == 3)
            let line = try await platform.read { orders, db in try await orders.order(order.id, on: db) }.lines[0]
            #expect(line.fulfilledQuantity == 3)
            // And the database itself refuses an over-fulfilled line, whatever code writes it.
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw("UPDATE order_lines SET fulfilled_quantity = 4 WHERE id = \(bind: shirt.rawValue)")
                        .run()
                }
            }
        }
    }

    @Test(
        "pick-up: a code is issued, wrong codes are counted and refused, the right one collects",
        arguments: TestBackend.allCases)
    func pickup(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder(pickup: true)
            let fulfilment = try await platform.write { orders, db in
                try await orders.createFulfilment(
                    order.id, lines: order.lines.map { ($0.id, $0.quantity) }, by: .clerk, on: db)
            }
            #expect(fulfilment.kind == .pickup)
            #expect(fulfilment.locationID == "loc_store")
            await #expect(throws: OrdersError.invalidFulfilmentTransition(from: .pending, to: .shipped)) {
                try await platform.write { orders, db in
                    try await orders.ship(fulfilment.id, carrier: "DHL", trackingNumber: "JD0001", by: .clerk, on: db)
                }
            }
            let ready = try await platform.write { orders, db in
                try await orders.readyForPickup(fulfilment.id, by: .clerk, on: db)
            }
            #expect(ready.code.count == 6 && ready.code.allSatisfy(\.isNumber))
            let stored = try await env.database.read { db in
                try await db.raw("SELECT pickup_code_hash FROM order_fulfilments").first(
                    decodingColumn: "pickup_code_hash", as: String.self)
            }
            #expect(stored != nil && stored != ready.code && stored?.contains(ready.code) == false)
            let wrong = ready.code == "000000" ? "111111" : "000000"
            await #expect(throws: OrdersError.pickupCodeIncorrect(attemptsLeft: 4)) {
                try await platform.orders.collect(fulfilment.id, pickupCode: wrong, by: .clerk, in: env.database)
            }
            let collected = try await platform.orders.collect(
                fulfilment.id, pickupCode: ready.code, by: .clerk, in: env.database)
            #expect(collected.status == .collected)
            let final = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(final.status == .delivered)
            await #expect(throws: OrdersError.invalidFulfilmentTransition(from: .collected, to: .collected)) {
                try await platform.orders.collect(fulfilment.id, pickupCode: ready.code, by: .clerk, in: env.database)
            }
            let types = try await platform.eventTypes()
            #expect(types.suffix(3) == ["fulfilment.created", "fulfilment.ready_for_pickup", "fulfilment.collected"])
        }
    }

    @Test(
        "after five wrong codes even the right one is refused until a new code is issued",
        arguments: TestBackend.allCases)
    func pickupLockout(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.paidOrder(pickup: true)
            let fulfilment = try await platform.write { orders, db in
                try await orders.createFulfilment(
                    order.id, lines: order.lines.map { ($0.id, $0.quantity) }, by: .clerk, on: db)
            }
            let ready = try await platform.write { orders, db in
                try await orders.readyForPickup(fulfilment.id, by: .clerk, on: db)
            }
            let wrong = ready.code == "000000" ? "111111" : "000000"
            for left in (0..<Orders.maximumPickupAttempts).reversed() {
                let expected = left > 0 ? OrdersError.pickupCodeIncorrect(attemptsLeft: left) : .pickupLocked
                await #expect(throws: expected) {
                    try await platform.orders.collect(fulfilment.id, pickupCode: wrong, by: .clerk, in: env.database)
                }
            }
            await #expect(throws: OrdersError.pickupLocked) {
                try await platform.orders.collect(fulfilment.id, pickupCode: ready.code, by: .clerk, in: env.database)
            }
            let reissued = try await platform.write { orders, db in
                try await orders.readyForPickup(fulfilment.id, by: .clerk, on: db)
            }
            let collected = try await platform.orders.collect(
                fulfilment.id, pickupCode: reissued.code, by: .clerk, in: env.database)
            #expect(collected.status == .collected)
        }
    }
}
