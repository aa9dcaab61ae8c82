import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Invariant audit")
struct InvariantTests {
    @Test("the audit finds levels changed behind Inventory's back", arguments: TestBackend.allCases)
    func findsTampering(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 10, at: berlin)
            try await platform.stock("B", 10, at: berlin)
            _ = try await platform.reserve([StockRequest(sku: "B", quantity: 2)], for: "cart_1")
            #expect(try await platform.violations() == [])

            try await env.database.inTransaction { db in
                try await db.raw("UPDATE inventory_stock_levels SET on_hand = on_hand + 5 WHERE sku = 'A'").run()
                try await db.raw("UPDATE inventory_stock_levels SET reserved = reserved + 1 WHERE sku = 'B'").run()
                try await db.raw("UPDATE inventory_stock_levels SET min_available = NULL WHERE sku = 'B'").run()
            }
            let found = try await platform.violations()
            #expect(
                Set(found) == [
                    InventoryViolation(
                        kind: .onHandDiffersFromMovements, sku: "A", locationID: berlin.id.rawValue, expected: 10,
                        actual: 15),
                    InventoryViolation(
                        kind: .reservedDiffersFromHolds, sku: "B", locationID: berlin.id.rawValue, expected: 2,
                        actual: 3),
                    InventoryViolation(
                        kind: .minimumDiffersFromPolicy, sku: "B", locationID: berlin.id.rawValue, expected: 0,
                        actual: nil),
                    // Five units appeared from nowhere: nothing valued them either.
                    InventoryViolation(
                        kind: .valuedQuantityDiffersFromStock, sku: "A", locationID: "", expected: 15, actual: 10),
                ])
        }
    }

    @Test("the journal cannot be edited and the level CHECK cannot be bypassed", arguments: TestBackend.allCases)
    func databaseRefuses(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 3, at: berlin)
            for statement in [
                "UPDATE inventory_stock_movements SET quantity = 300",
                "DELETE FROM inventory_stock_movements",
                "UPDATE inventory_stock_levels SET reserved = 4 WHERE sku = 'A'",
                "UPDATE inventory_stock_levels SET reserved = -1 WHERE sku = 'A'",
            ] {
                await #expect(throws: (any Error).self, "\(statement)") {
                    try await env.database.inTransaction { db in try await db.raw(SQLQueryString(statement)).run() }
                }
            }
            #expect(try await platform.violations() == [])
        }
    }
}
