import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Reservations")
struct ReservationTests {
    @Test("a hold reserves stock, commits into a sale and is journalled", arguments: TestBackend.allCases)
    func holdAndCommit(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("TEE-M", 10, at: berlin)

            let hold = try await platform.reserve([StockRequest(sku: "TEE-M", quantity: 3)], for: "cart_1")
            #expect(hold.status == .held)
            #expect(hold.lines == [ReservedStock(line: 0, sku: "TEE-M", locationID: berlin.id, quantity: 3)])
            var level = try await platform.level("TEE-M", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (10, 3, 7))

            let sold = try await env.database.inTransaction { db in try await platform.inventory.commit(hold.id, on: db)
            }
            #expect(sold.status == .committed)
            level = try await platform.level("TEE-M", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (7, 0, 7))
            let sale = try await env.database.read { db in
                try await platform.inventory.movements(ofDocument: hold.id.rawValue, on: db)
            }
            #expect(sale.map(\.reason) == [.sale])
            #expect(sale.first?.quantity == -3)
            #expect(sale.first?.reference == "cart_1")

            // A retried flow commits again and gets the same answer, with no second sale.
            let again = try await env.database.inTransaction { db in
                try await platform.inventory.commit(hold.id, on: db)
            }
            #expect(again == sold)
            #expect(try await platform.level("TEE-M", at: berlin).onHand == 7)
            #expect(try await platform.eventTypes() == ["stock.received", "stock.reserved", "stock.committed"])
            await #expect(throws: InventoryError.reservationAlreadyCommitted) {
                try await env.database.inTransaction { db in _ = try await platform.inventory.release(hold.id, on: db) }
            }
            #expect(try await platform.violations() == [])
        }
    }

    @Test("a release gives the stock back once; a released hold cannot be committed", arguments: TestBackend.allCases)
    func release(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("CAP", 4, at: berlin)
            let hold = try await platform.reserve([StockRequest(sku: "CAP", quantity: 4)], for: "cart_1")
            #expect(try await platform.level("CAP", at: berlin).available == 0)
            for _ in 0..<2 {
                let released = try await env.database.inTransaction { db in
                    try await platform.inventory.release(hold.id, on: db)
                }
                #expect(released.status == .released)
            }
            #expect(try await platform.level("CAP", at: berlin).available == 4)
            await #expect(throws: InventoryError.reservationAlreadyReleased) {
                try await env.database.inTransaction { db in _ = try await platform.inventory.commit(hold.id, on: db) }
            }
            await #expect(throws: InventoryError.reservationNotFound) {
                try await env.database.inTransaction { db in
                    _ = try await platform.inventory.commit(StockReservationID.generate(env.ids), on: db)
                }
            }
            let released = try await platform.events(StockReleased.self)
            #expect(released.map(\.reason) == [.released])
            // The cart may hold stock again once its previous hold is gone.
            _ = try await platform.reserve([StockRequest(sku: "CAP", quantity: 1)], for: "cart_1")
        }
    }

    @Test(
        "all lines or none: the failing line is named, and nothing stays held even if the caller carries on",
        arguments: TestBackend.allCases)
    func allOrNothing(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 5, at: berlin)
            try await platform.stock("B", 1, at: berlin)
            let expiry = env.clock.now.addingTimeInterval(900)
            let caught = try await env.database.inTransaction { db -> InventoryError? in
                do {
                    _ = try await platform.inventory.reserve(
                        [StockRequest(sku: "A", quantity: 2), StockRequest(sku: "B", quantity: 3)], for: "cart_1",
                        until: expiry, on: db)
                    return nil
                } catch let error as InventoryError {
                    return error  // and commit the transaction anyway
                }
            }
            #expect(caught == .outOfStock(sku: "B", line: 1, requested: 3, available: 1))
            #expect(caught?.fieldErrors.map(\.pointer) == ["/lines/1"])
            #expect(try await platform.level("A", at: berlin).reserved == 0)
            #expect(try await platform.eventTypes().filter { $0 == "stock.reserved" } == [])
            #expect(try await platform.violations() == [])
        }
    }

    @Test("one cart holds stock once", arguments: TestBackend.allCases)
    func oneHoldPerReference(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 5, at: berlin)
            _ = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "ord_42")
            await #expect(throws: InventoryError.referenceAlreadyHeld("ord_42")) {
                _ = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "ord_42")
            }
            #expect(try await platform.level("A", at: berlin).reserved == 1)
        }
    }

    @Test("every problem with a reservation request is reported at once", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let warehouse = try await platform.location(.fixture("Berlin"))
            let unknown = StockLocationID.generate(env.ids)
            let past = env.clock.now.addingTimeInterval(-1)
            for (rule, problem) in [
                (RoutingRule.pickup(at: unknown), "/routing/location_id unknown_location"),
                (.pickup(at: warehouse.id), "/routing/location_id location_offers_no_pickup"),
            ] {
                do {
                    try await env.database.inTransaction { db in
                        _ = try await platform.inventory.reserve(
                            [StockRequest(sku: "", quantity: 1), StockRequest(sku: "A", quantity: 0)], for: " ",
                            until: past, routing: rule, on: db)
                    }
                    Issue.record("expected a validation error")
                } catch let error as ValidationError {
                    #expect(
                        error.fieldErrors.map { "\($0.pointer) \($0.code)" }.sorted()
                            == [
                                "/expires_at expiry_in_the_past", "/lines/0/sku sku_required",
                                "/lines/1/quantity quantity_must_be_positive", "/reference reference_required", problem,
                            ].sorted())
                }
            }
        }
    }

    @Test("click and collect holds stock at the pick-up location only", arguments: TestBackend.allCases)
    func pickup(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let warehouse = try await platform.location(.fixture("Central", priority: 1))
            let shop = try await platform.location(.fixture("Shop", kind: .store, offersPickup: true, priority: 9))
            try await platform.stock("A", 50, at: warehouse)
            try await platform.stock("A", 2, at: shop)
            let hold = try await platform.reserve(
                [StockRequest(sku: "A", quantity: 2)], for: "cart_1", routing: .pickup(at: shop.id))
            #expect(hold.lines.map(\.locationID) == [shop.id])
            #expect(hold.routing == "pickup")
            await #expect(throws: InventoryError.outOfStock(sku: "A", line: 0, requested: 1, available: 0)) {
                _ = try await platform.reserve(
                    [StockRequest(sku: "A", quantity: 1)], for: "cart_2", routing: .pickup(at: shop.id))
            }
        }
    }

    @Test("routing reads live stock: nearest, and an inactive location is passed over", arguments: TestBackend.allCases)
    func routingOnStoredStock(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin", at: .berlin, priority: 1))
            let munich = try await platform.location(.fixture("Munich", at: .munich, priority: 2))
            try await platform.stock("A", 5, at: berlin)
            try await platform.stock("A", 5, at: munich)
            let near = try await platform.reserve(
                [StockRequest(sku: "A", quantity: 1)], for: "c1", routing: .nearest(to: .munich))
            #expect(near.lines.map(\.locationID) == [munich.id])

            var closed = StockLocationDraft.fixture("Munich", at: .munich, priority: 2)
            closed.isActive = false
            _ = try await env.database.inTransaction { [closed] db in
                try await platform.inventory.updateLocation(munich.id, to: closed, by: .clerk, on: db)
            }
            let rerouted = try await platform.reserve(
                [StockRequest(sku: "A", quantity: 1)], for: "c2", routing: .nearest(to: .munich))
            #expect(rerouted.lines.map(\.locationID) == [berlin.id])
            let availability = try await env.database.read { db in
                try await platform.inventory.availability(of: ["A", "B"], on: db)
            }
            #expect(availability.map(\.inStock) == [4, 0])
            #expect(availability.map(\.isOrderable) == [true, false])
        }
    }

    @Test("stock.low is announced once when available crosses the threshold", arguments: TestBackend.allCases)
    func lowStock(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            _ = try await env.database.inTransaction { db in
                try await platform.inventory.setPolicy(StockPolicy(sku: "A", lowStockThreshold: 3), by: .clerk, on: db)
            }
            try await platform.stock("A", 5, at: berlin)
            for cart in 1...3 {
                _ = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "cart_\(cart)")
            }
            let low = try await platform.events(StockLow.self)
            #expect(low.map { "\($0.sku) \($0.available)/\($0.threshold)" } == ["A 3/3"])
            #expect(low.first?.locationID == berlin.id)
        }
    }
}
