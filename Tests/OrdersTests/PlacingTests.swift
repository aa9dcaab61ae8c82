import Flows
import Foundation
import Orders
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Placing orders")
struct PlacingTests {
    @Test(
        "an order is placed with a number, snapshotted lines and an order.placed event", arguments: TestBackend.allCases
    )
    func place(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let placed = try await platform.place(.fixture())
            #expect(placed.isNew)
            let order = placed.order
            #expect(order.number == "T-100001")
            #expect(order.status == .placed)
            #expect(order.lines.map(\.sku) == ["SHIRT-M", "CAP"])
            #expect(order.totals.grandTotal == .eur(5890))
            #expect(order.refundedTotal == .eur(0))

            let stored = try await platform.read { orders, db in try await orders.order(order.id, on: db) }
            #expect(stored == order)
            let byNumber = try await platform.read { orders, db in try await orders.order(number: "t-100001", on: db) }
            #expect(byNumber.id == order.id)
            let placedEvents = try await platform.events(OrderPlaced.self)
            #expect(placedEvents.map(\.orderID) == [order.id])
            #expect(placedEvents.first?.lines.map(\.quantity) == [3, 1])
            let timeline = try await platform.read { orders, db in try await orders.timeline(order.id, on: db) }
            #expect(timeline.map(\.kind) == ["order.placed"])
        }
    }

    @Test(
        "the same checkout key gives the same order; a different draft under it is refused",
        arguments: TestBackend.allCases)
    func idempotent(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let first = try await platform.place(.fixture(key: "chk_same"))
            let again = try await platform.place(.fixture(key: "chk_same"))
            #expect(!again.isNew)
            #expect(again.order == first.order)
            var changed = OrderDraft.fixture(key: "chk_same")
            changed.email = "someone@else.example"
            await #expect(throws: OrdersError.checkoutKeyReused) { try await platform.place(changed) }
            #expect(try await platform.eventTypes() == ["order.placed"])
        }
    }

    @Test("32 concurrent placements of one checkout key create one order", arguments: TestBackend.allCases)
    func concurrentSameKey(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let results = try await withThrowingTaskGroup(of: PlacedOrder.self) { group in
                for _ in 0..<32 {
                    group.addTask { try await platform.place(.fixture(key: "chk_race")) }
                }
                return try await group.reduce(into: []) { (all: inout [PlacedOrder], next) in all.append(next) }
            }
            #expect(results.filter(\.isNew).count == 1)
            #expect(Set(results.map(\.order.id)).count == 1)
            let count = try await env.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM orders").first(decodingColumn: "n", as: Int.self)
            }
            #expect(count == 1)
            #expect(try await platform.eventTypes() == ["order.placed"])
        }
    }

    @Test("32 concurrent checkouts get 32 distinct order numbers", arguments: TestBackend.allCases)
    func uniqueNumbers(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let other = try await env.openAnotherPool()
            let otherPlatform = Platform(
                database: other, passwords: TestPasswords.hasher, clock: env.clock.wallClock, ids: env.ids)
            do {
                let numbers = try await withThrowingTaskGroup(of: String.self) { group in
                    for index in 0..<32 {
                        let target = index.isMultiple(of: 2) ? platform : otherPlatform
                        group.addTask { try await target.place(.fixture(key: "chk_\(index)")).order.number }
                    }
                    return try await group.reduce(into: []) { (all: inout [String], next) in all.append(next) }
                }
                #expect(Set(numbers).count == 32)
                #expect(numbers.allSatisfy { $0.hasPrefix("T-") })
            } catch {
                await other.shutdown()
                throw error
            }
            await other.shutdown()
        }
    }

    @Test("a draft is refused with every problem at its pointer")
    func validation() async throws {
        try await withTestDatabase(on: .sqlite) { env in
            let platform = env.platform()
            var draft = OrderDraft.fixture()
            draft.email = "not-an-email"
            draft.lines[0].quantity = 0
            draft.totals.grandTotal = .eur(5891)
            draft.shippingAddress?.countryCode = "Germany"
            do {
                _ = try await platform.place(draft)
                Issue.record("an invalid draft was placed")
            } catch let error as ValidationError {
                let found = Set(error.fieldErrors.map { "\($0.pointer) \($0.code)" })
                #expect(
                    found == [
                        "/email invalid_email", "/lines/0/quantity quantity_must_be_positive",
                        "/totals/grand_total totals_mismatch",
                        "/shipping_address/country_code invalid_country_code",
                    ])
            }
            var otherCurrency = OrderDraft.fixture()
            otherCurrency.lines[1].unitPrice = Money(minorUnits: 2500, currency: .sek)
            do {
                _ = try await platform.place(otherCurrency)
                Issue.record("a line in another currency was accepted")
            } catch let error as ValidationError {
                #expect(
                    error.fieldErrors.map { "\($0.pointer) \($0.code)" } == ["/lines/1/unit_price currency_mismatch"])
            }
            var pickupWithoutLines = OrderDraft.fixture(pickup: true)
            pickupWithoutLines.lines = []
            pickupWithoutLines.totals = OrderTotals(
                subtotal: .eur(0), discount: .eur(0), shipping: .eur(0), tax: .eur(0), grandTotal: .eur(0))
            await #expect(
                throws: ValidationError([
                    FieldError(pointer: "/lines", message: "must contain at least one line", code: "lines_required")
                ])
            ) {
                try await platform.place(pickupWithoutLines)
            }
            var mismatched = OrderDraft.fixture()
            mismatched.lines[1].total = .eur(2400)
            do {
                _ = try await platform.place(mismatched)
                Issue.record("a line total that does not add up was accepted")
            } catch let error as ValidationError {
                #expect(error.fieldErrors.map(\.pointer) == ["/lines/1/total", "/totals/grand_total"])
            }
            #expect(try await platform.eventTypes() == [])
        }
    }

    @Test("a B2B order above the buyer's limit waits for approval", arguments: TestBackend.allCases)
    func approval(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.place(.fixture(key: "chk_a", requiresApproval: true)).order
            #expect(order.status == .awaitingApproval)
            await #expect(throws: OrdersError.invalidOrderTransition(from: .awaitingApproval, to: .paid)) {
                try await platform.write { orders, db in try await orders.markPaid(order.id, paymentID: "pay_1", on: db)
                }
            }
            let approved = try await platform.write { orders, db in
                try await orders.approve(order.id, by: .clerk, on: db)
            }
            #expect(approved.status == .placed)
            await #expect(throws: OrdersError.invalidOrderTransition(from: .placed, to: .placed)) {
                try await platform.write { orders, db in try await orders.approve(order.id, by: .clerk, on: db) }
            }

            let other = try await platform.place(.fixture(key: "chk_b", requiresApproval: true)).order
            let rejected = try await platform.write { orders, db in
                try await orders.reject(other.id, reason: "Over budget", by: .clerk, on: db)
            }
            #expect(rejected.order.status == .cancelled)
            #expect(rejected.payment == .nothingToSettle)
            #expect(rejected.stockReservationID == "rsv_1")
            #expect(
                try await platform.eventTypes() == [
                    "order.placed", "order.approved", "order.placed", "order.cancelled",
                ])
        }
    }

    @Test(
        "lookups page through orders newest first and filter by status, customer, time and text",
        arguments: TestBackend.allCases)
    func lookups(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            var placed: [Order] = []
            for index in 0..<5 {
                var draft = OrderDraft.fixture(key: "chk_\(index)", customerID: index < 3 ? "cus_ada" : "cus_bob")
                if index == 4 { draft.email = "bob_x@example.com" }
                placed.append(try await platform.place(draft).order)
                env.clock.advance(by: 60)
            }
            let placedOrders = placed
            let firstPage = try await platform.read { orders, db in
                try await orders.orders(ofCustomer: "cus_ada", limit: 2, on: db)
            }
            #expect(firstPage.map(\.id) == [placed[2].id, placed[1].id])
            let secondPage = try await platform.read { orders, db in
                try await orders.orders(ofCustomer: "cus_ada", after: firstPage.last?.id, limit: 2, on: db)
            }
            #expect(secondPage.map(\.id) == [placed[0].id])

            let start = placed[1].placedAt
            let window = try await platform.read { orders, db in
                try await orders.orders(
                    matching: OrderQuery(placed: start..<start.addingTimeInterval(120)), limit: 10, on: db)
            }
            #expect(window.map(\.id) == [placed[2].id, placed[1].id])
            let byText = try await platform.read { orders, db in
                try await orders.orders(matching: OrderQuery(text: "BOB_X"), limit: 10, on: db)
            }
            #expect(byText.map(\.id) == [placed[4].id])
            // `_` is a LIKE wildcard; it must match only itself.
            let wildcard = try await platform.read { orders, db in
                try await orders.orders(matching: OrderQuery(text: "b_b"), limit: 10, on: db)
            }
            #expect(wildcard.isEmpty)
            let byNumber = try await platform.read { orders, db in
                try await orders.orders(
                    matching: OrderQuery(status: .placed, text: placedOrders[3].number), limit: 10, on: db)
            }
            #expect(byNumber.map(\.id) == [placed[3].id])
            let none = try await platform.read { orders, db in
                try await orders.orders(matching: OrderQuery(status: .paid), limit: 10, on: db)
            }
            #expect(none.isEmpty)
        }
    }

    @Test("another customer's order is not found, exactly like a missing one", arguments: TestBackend.allCases)
    func foreignCustomer(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let order = try await platform.place(.fixture()).order
            let mine = try await platform.read { orders, db in
                try await orders.order(order.id, ofCustomer: "cus_ada", on: db)
            }
            #expect(mine.id == order.id)
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.read { orders, db in try await orders.order(order.id, ofCustomer: "cus_eve", on: db)
                }
            }
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.read { orders, db in
                    try await orders.order(OrderID.generate(env.ids), ofCustomer: "cus_eve", on: db)
                }
            }
            await #expect(throws: OrdersError.orderNotFound) {
                try await platform.read { orders, db in
                    try await orders.timeline(order.id, ofCustomer: "cus_eve", on: db)
                }
            }
        }
    }
}
