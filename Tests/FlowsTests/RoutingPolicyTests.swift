import Checkout
import Flows
import Foundation
import Inventory
import Orders
import Payments
import Persistence
import TestSupport
import Testing
import TorvCore

/// The shop's routing policy decides where checkout holds the stock of a shipped order.
@Suite("Routing policy at checkout")
struct RoutingPolicyTests {
    @Test(
        "priority takes the warehouse; store-first the store that ships; single shipment one location",
        arguments: TestBackend.allCases)
    func policies(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let shop = try await TestShop.seed(on: platform)
            let buyer = try await B2BCheckoutTests.customer("shopper@example.com", on: platform)
            let shipFromStore = try await platform.database.inTransaction { db in
                let store = try await platform.inventory.createLocation(
                    StockLocationDraft(
                        kind: .store, name: "City store",
                        address: PostalAddress(
                            line1: "Stortorget 2", city: "Malmö", postalCode: "211 34", countryCode: "SE"),
                        ships: true, offersPickup: false, priority: 5), by: TestShop.actor, on: db)
                try await platform.inventory.receive(
                    StockReceipt(locationID: store.id, lines: [StockLine(sku: "TEE-S", quantity: 5)]),
                    by: TestShop.actor, on: db)
                return store.id
            }
            #expect(
                try await platform.database.read { try await platform.inventory.routingPolicy(on: $0) } == .priority)
            env.clock.advance(by: 1)

            func locations(after policy: RoutingPolicy, key: String) async throws -> Set<StockLocationID> {
                try await platform.database.inTransaction { db in
                    try await platform.inventory.setRoutingPolicy(policy, by: TestShop.actor, on: db)
                }
                let cart = try await B2BCheckoutTests.cart(shop, tees: 2, for: buyer, on: platform)
                let outcome = try await OrderPlacement.checkOut(
                    cart, access: .customer(buyer), key: key, payment: .card(number: TestCard.approves), on: platform)
                let reservation = try #require(outcome.order.stockReservationID.flatMap(StockReservationID.init))
                return try await platform.database.read { db in
                    Set(try await platform.inventory.reservation(reservation, on: db).lines.map(\.locationID))
                }
            }
            #expect(try await locations(after: .priority, key: "r1") == [shop.warehouse])
            #expect(try await locations(after: .storeFirst, key: "r2") == [shipFromStore])
            #expect(try await locations(after: .singleShipment, key: "r3") == [shop.warehouse])
            #expect(
                try await platform.database.read { try await platform.inventory.routingPolicy(on: $0) }
                    == .singleShipment)
        }
    }
}
