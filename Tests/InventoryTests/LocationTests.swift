import Flows
import Foundation
import Inventory
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Locations")
struct LocationTests {
    @Test("a location is created, audited, updated and listed by priority", arguments: TestBackend.allCases)
    func lifecycle(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let store = try await platform.location(
                .fixture("Mitte", kind: .store, at: .berlin, offersPickup: true, priority: 5))
            let warehouse = try await platform.location(.fixture("Nord", priority: 1))
            #expect(store.coordinate == .berlin)
            #expect(store.offersPickup && store.ships && store.isActive)

            var draft = StockLocationDraft.fixture("Mitte", kind: .store, at: .berlin, priority: 5)
            draft.isActive = false
            let closed = try await env.database.inTransaction { [draft] db in
                try await platform.inventory.updateLocation(store.id, to: draft, by: .clerk, on: db)
            }
            #expect(!closed.isActive)

            let (active, all) = try await env.database.read { db in
                (
                    try await platform.inventory.locations(on: db),
                    try await platform.inventory.locations(includingInactive: true, on: db)
                )
            }
            #expect(active.map(\.id) == [warehouse.id])
            #expect(all.map(\.id) == [warehouse.id, store.id])

            let actions = try await env.database.read { db in try await platform.audit.list(limit: 10, on: db) }
            #expect(actions.map(\.action).sorted() == ["location.created", "location.created", "location.updated"])
            #expect(actions.allSatisfy { $0.actor == .clerk })
        }
    }

    @Test("a bad location is refused with every problem at once", arguments: TestBackend.allCases)
    func validation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let draft = StockLocationDraft(
                kind: .pickupPoint, name: " ",
                address: PostalAddress(line1: "", city: "Berlin", postalCode: "", countryCode: "Germany"),
                coordinate: GeoCoordinate(latitude: 120, longitude: 0), ships: false, offersPickup: false, priority: -1)
            do {
                _ = try await platform.location(draft)
                Issue.record("expected a validation error")
            } catch let error as ValidationError {
                #expect(
                    Set(error.fieldErrors.map(\.pointer)) == [
                        "/name", "/address/line1", "/address/country_code", "/coordinate", "/priority",
                        "/offers_pickup",
                    ])
            }
            await #expect(throws: InventoryError.locationNotFound) {
                try await env.database.read { db in
                    try await platform.inventory.location(StockLocationID.generate(env.ids), on: db)
                }
            }
        }
    }
}
