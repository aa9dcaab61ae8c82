import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

extension Money {
    fileprivate static func sek(_ minorUnits: Int64) -> Money { Money(minorUnits: minorUnits, currency: .sek) }
}

@Suite("Stock value at moving average cost")
struct ValuationTests {
    static func receive(
        _ sku: String, _ quantity: Int, at cost: Money?, location: StockLocation, platform: Platform
    ) async throws {
        let inventory = platform.inventory
        try await platform.database.inTransaction { db in
            try await inventory.receive(
                StockReceipt(locationID: location.id, lines: [StockLine(sku: sku, quantity: quantity, unitCost: cost)]),
                by: .clerk, on: db)
        }
    }

    static func valuation(_ sku: String, platform: Platform) async throws -> StockValuation? {
        let inventory = platform.inventory
        return try await platform.database.read { db in try await inventory.valuations(of: [sku], on: db) }.first
    }

    @Test(
        "receipts average their costs; a sale takes the average, the last unit what is left; events carry the values",
        arguments: TestBackend.allCases)
    func movingAverage(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await Self.receive("A", 3, at: .sek(1_000), location: berlin, platform: platform)
            try await Self.receive("A", 1, at: .sek(2_000), location: berlin, platform: platform)
            #expect(try await Self.valuation("A", platform: platform)?.value == .sek(5_000))
            #expect(try await Self.valuation("A", platform: platform)?.unitCost == .sek(1_250))

            let hold = try await platform.reserve([StockRequest(sku: "A", quantity: 3)], for: "cart_1")
            let inventory = platform.inventory
            try await platform.database.inTransaction { db in _ = try await inventory.commit(hold.id, on: db) }
            let sold = try await platform.events(StockCommitted.self).last
            #expect(sold?.costs == [StockCost(sku: "A", quantity: -3, value: .sek(-3_750))])
            #expect(try await Self.valuation("A", platform: platform)?.value == .sek(1_250))

            // A write-off of the last unit takes exactly what is left: nothing, then, is left in value.
            try await platform.database.inTransaction { db in
                _ = try await inventory.adjust(
                    StockAdjustment(sku: "A", locationID: berlin.id, quantity: -1, reason: .writeOff), by: .clerk,
                    on: db)
            }
            let written = try await platform.events(StockAdjusted.self).last
            #expect(written?.costs?.first?.value == .sek(-1_250))
            let after = try await Self.valuation("A", platform: platform)
            #expect(after?.quantity == 0 && after?.value == .sek(0))
            #expect(try await platform.violations() == [])

            // A receipt in another currency than the SKU is valued in is refused, nothing written.
            await #expect(throws: ValidationError.self) {
                try await Self.receive(
                    "A", 1, at: Money(minorUnits: 100, currency: .eur), location: berlin, platform: platform)
            }
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "uncosted stock is valued at zero until a cost arrives, and transfers move no value",
        arguments: TestBackend.allCases)
    func uncostedAndTransfers(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            let hamburg = try await platform.location(.fixture("Hamburg"))
            try await platform.stock("B", 4, at: berlin)
            #expect(try await Self.valuation("B", platform: platform)?.value == nil)
            try await Self.receive("B", 4, at: .sek(900), location: hamburg, platform: platform)
            let valued = try await Self.valuation("B", platform: platform)
            #expect(valued?.quantity == 8 && valued?.value == .sek(3_600) && valued?.unitCost == .sek(450))
            let inventory = platform.inventory
            try await platform.database.inTransaction { db in
                _ = try await inventory.transfer(
                    StockTransfer(from: berlin.id, to: hamburg.id, lines: [StockLine(sku: "B", quantity: 2)]),
                    by: .clerk, on: db)
            }
            #expect(try await Self.valuation("B", platform: platform)?.value == .sek(3_600))
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "twenty concurrent sales of one SKU: the costs taken and the value left add up to the receipts exactly",
        arguments: TestBackend.allCases)
    func concurrentIssues(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await Self.receive("C", 7, at: .sek(333), location: berlin, platform: platform)
            try await Self.receive("C", 26, at: .sek(1_001), location: berlin, platform: platform)
            let received: Int64 = 7 * 333 + 26 * 1_001
            let inventory = platform.inventory
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let hold = try await platform.reserve(
                            [StockRequest(sku: "C", quantity: 1 + index % 2)], for: "cart_\(index)")
                        try await platform.database.inTransaction { db in
                            _ = try await inventory.commit(hold.id, on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let taken = try await platform.events(StockCommitted.self).flatMap { $0.costs ?? [] }.map(\.value.amount)
                .reduce(0, +)
            let left = try #require(try await Self.valuation("C", platform: platform))
            #expect(left.quantity == 33 - 30)
            #expect(-taken + (left.value?.amount ?? 0) == received)
            #expect(try await platform.violations() == [])
        }
    }
}
