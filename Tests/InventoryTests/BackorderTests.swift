import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Backorders and pre-orders")
struct BackorderTests {
    static func setPolicy(_ policy: StockPolicy, _ env: TestEnvironment, _ platform: Platform) async throws {
        _ = try await env.database.inTransaction { db in
            try await platform.inventory.setPolicy(policy, by: .clerk, on: db)
        }
    }

    @Test(
        "a backorder SKU sells beyond stock down to its limit, and the sale keeps the journal whole",
        arguments: TestBackend.allCases)
    func backorderLimit(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await Self.setPolicy(StockPolicy(sku: "BOOK", whenOutOfStock: .backorder(limit: 5)), env, platform)
            try await platform.stock("BOOK", 2, at: berlin)

            let hold = try await platform.reserve([StockRequest(sku: "BOOK", quantity: 4)], for: "cart_1")
            #expect(hold.lines.map(\.backordered) == [2])
            #expect(try await platform.level("BOOK", at: berlin).available == -2)
            await #expect(throws: InventoryError.outOfStock(sku: "BOOK", line: 0, requested: 4, available: 3)) {
                _ = try await platform.reserve([StockRequest(sku: "BOOK", quantity: 4)], for: "cart_2")
            }
            _ = try await env.database.inTransaction { db in try await platform.inventory.commit(hold.id, on: db) }
            let level = try await platform.level("BOOK", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (-2, 0, -2))
            // The database itself refuses to go further, whatever the code path.
            await #expect(throws: (any Error).self) {
                try await env.database.inTransaction { db in
                    try await db.raw("UPDATE inventory_stock_levels SET reserved = reserved + 4 WHERE sku = 'BOOK'")
                        .run()
                }
            }
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "a pre-order with no stock anywhere holds at the preferred location with its date",
        arguments: TestBackend.allCases)
    func preorder(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let main = try await platform.location(.fixture("Main", at: .berlin, priority: 1))
            _ = try await platform.location(.fixture("Second", at: .munich, priority: 2))
            let release = env.clock.now.addingTimeInterval(30 * 86_400)
            try await Self.setPolicy(
                StockPolicy(sku: "GAME", whenOutOfStock: .preorder(availableFrom: release, limit: nil)), env, platform)

            let hold = try await platform.reserve(
                [StockRequest(sku: "GAME", quantity: 3)], for: "cart_1", routing: .nearest(to: .munich))
            #expect(hold.lines.count == 1)
            #expect(hold.lines.first?.locationID == main.id)
            #expect(hold.lines.first?.backordered == 3)
            #expect(hold.lines.first?.availableFrom == release)
            let stored = try await env.database.read { db in try await platform.inventory.reservation(hold.id, on: db) }
            #expect(stored.lines == hold.lines)
            let availability = try await env.database.read { db in
                try await platform.inventory.availability(of: ["GAME"], on: db)
            }
            #expect(availability.first?.isOrderable == true)
            #expect(try await platform.violations() == [])
        }
    }

    @Test("a policy cannot tighten below backorders already taken", arguments: TestBackend.allCases)
    func tighteningRefused(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await Self.setPolicy(StockPolicy(sku: "BOOK", whenOutOfStock: .backorder(limit: 5)), env, platform)
            try await platform.stock("BOOK", 1, at: berlin)
            _ = try await platform.reserve([StockRequest(sku: "BOOK", quantity: 4)], for: "cart_1")

            await #expect(throws: InventoryError.backordersOutstanding(sku: "BOOK", location: berlin.id, available: -3))
            {
                try await Self.setPolicy(StockPolicy(sku: "BOOK"), env, platform)
            }
            #expect(try await platform.level("BOOK", at: berlin).minimumAvailable == -5)
            try await Self.setPolicy(StockPolicy(sku: "BOOK", whenOutOfStock: .backorder(limit: 3)), env, platform)
            #expect(try await platform.level("BOOK", at: berlin).minimumAvailable == -3)
            try await Self.setPolicy(StockPolicy(sku: "BOOK", whenOutOfStock: .backorder(limit: nil)), env, platform)
            #expect(try await platform.level("BOOK", at: berlin).minimumAvailable == nil)
            let policy = try await env.database.read { db in try await platform.inventory.policy(for: "BOOK", on: db) }
            #expect(policy.whenOutOfStock == .backorder(limit: nil))
            #expect(try await platform.violations() == [])
        }
    }
}
