import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

/// Many checkouts at once against the same stock. The invariants must hold on both backends: on
/// SQLite through the single writer, on PostgreSQL through guarded updates under READ COMMITTED.
@Suite("Concurrency")
struct ConcurrencyTests {
    /// Reserves one unit per task and counts the successes; other refusals are failures of the test.
    static func race(
        _ tasks: Int, sku: String, on databases: [Database], inventory: Inventory, clock: ManualClock
    ) async throws -> Int {
        try await withThrowingTaskGroup(of: Bool.self) { group in
            for index in 0..<tasks {
                let database = databases[index % databases.count]
                group.addTask {
                    do {
                        let expiry = clock.now.addingTimeInterval(900)
                        _ = try await database.inTransaction { db in
                            try await inventory.reserve(
                                [StockRequest(sku: sku, quantity: 1)], for: "cart_\(index)", until: expiry, on: db)
                        }
                        return true
                    } catch InventoryError.outOfStock {
                        return false
                    }
                }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
    }

    @Test("200 concurrent one-unit holds on 50 units: exactly 50 succeed", arguments: TestBackend.allCases)
    func noOverselling(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("HOT", 50, at: berlin)
            let held = try await Self.race(
                200, sku: "HOT", on: [env.database], inventory: platform.inventory, clock: env.clock)
            #expect(held == 50)
            let level = try await platform.level("HOT", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (50, 50, 0))
            #expect(try await platform.eventTypes().filter { $0 == "stock.reserved" }.count == 50)
            #expect(try await platform.violations() == [])
        }
    }

    @Test("the same race from two processes still sells exactly 50", arguments: TestBackend.allCases)
    func noOversellingAcrossPools(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("HOT", 50, at: berlin)
            let other = try await env.openAnotherPool()
            do {
                let held = try await Self.race(
                    200, sku: "HOT", on: [env.database, other], inventory: platform.inventory, clock: env.clock)
                #expect(held == 50)
            } catch {
                await other.shutdown()
                throw error
            }
            await other.shutdown()
            let level = try await platform.level("HOT", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (50, 50, 0))
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "when the preferred location sells out mid-race, holds re-plan onto the next one: 50 of 50 succeed",
        arguments: TestBackend.allCases)
    func replanning(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            // Every checkout plans on the first location; once it is empty, the losers of the race must
            // re-plan on fresh stock rather than report out of stock while the second location has plenty.
            let platform = env.platform()
            let first = try await platform.location(.fixture("First", priority: 1))
            let second = try await platform.location(.fixture("Second", priority: 2))
            try await platform.stock("HOT", 25, at: first)
            try await platform.stock("HOT", 25, at: second)
            let held = try await Self.race(
                50, sku: "HOT", on: [env.database], inventory: platform.inventory, clock: env.clock)
            #expect(held == 50)
            #expect(try await platform.level("HOT", at: first).available == 0)
            #expect(try await platform.level("HOT", at: second).available == 0)
            #expect(try await platform.violations() == [])
        }
    }

    @Test("a backorder SKU under contention goes negative only down to its limit", arguments: TestBackend.allCases)
    func backorderLimitUnderContention(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            _ = try await env.database.inTransaction { db in
                try await platform.inventory.setPolicy(
                    StockPolicy(sku: "BOOK", whenOutOfStock: .backorder(limit: 5)), by: .clerk, on: db)
            }
            try await platform.stock("BOOK", 10, at: berlin)
            let held = try await Self.race(
                40, sku: "BOOK", on: [env.database], inventory: platform.inventory, clock: env.clock)
            #expect(held == 15)
            let level = try await platform.level("BOOK", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (10, 15, -5))
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "holds, commits, releases and expiry sweeps interleaved keep the journal and the holds exact",
        arguments: TestBackend.allCases)
    func interleavings(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let inventory = platform.inventory
            let berlin = try await platform.location(.fixture("Berlin", priority: 1))
            let munich = try await platform.location(.fixture("Munich", priority: 2))
            for sku in ["A", "B"] {
                try await platform.stock(sku, 30, at: berlin)
                try await platform.stock(sku, 30, at: munich)
            }
            let database = env.database
            let clock = env.clock
            let sold = try await withThrowingTaskGroup(of: Int.self) { group in
                // A sweeper that keeps moving time on and expiring whatever is due.
                group.addTask {
                    for _ in 0..<40 {
                        clock.advance(by: 20)
                        let now = clock.now
                        _ = try await database.inTransaction { db in
                            try await inventory.expireReservations(now: now, on: db)
                        }
                    }
                    return 0
                }
                for index in 0..<90 {
                    group.addTask {
                        let lines =
                            index.isMultiple(of: 2)
                            ? [StockRequest(sku: "A", quantity: 1 + index % 3)]
                            : [StockRequest(sku: "A", quantity: 1), StockRequest(sku: "B", quantity: 1 + index % 4)]
                        let expiry = clock.now.addingTimeInterval(Double(30 + index % 5 * 60))
                        let hold: StockReservation
                        do {
                            hold = try await database.inTransaction { db in
                                try await inventory.reserve(lines, for: "cart_\(index)", until: expiry, on: db)
                            }
                        } catch InventoryError.outOfStock, InventoryError.stockChangedConcurrently {
                            return 0
                        } catch let error as ValidationError
                            where error.fieldErrors.map(\.code) == ["expiry_in_the_past"]
                        {
                            return 0  // the sweeper moved the clock past this hold's expiry before it began
                        }
                        do {
                            switch index % 3 {
                            case 0:
                                let committed = try await database.inTransaction { db in
                                    try await inventory.commit(hold.id, on: db)
                                }
                                return committed.lines.reduce(0) { $0 + $1.quantity }
                            case 1:
                                _ = try await database.inTransaction { db in
                                    try await inventory.release(hold.id, on: db)
                                }
                                return 0
                            default:
                                return 0  // left for the sweeper
                            }
                        } catch InventoryError.reservationExpired {
                            return 0
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            // Sweep everything still held, then the books must balance exactly.
            let end = clock.now.addingTimeInterval(3600)
            _ = try await database.inTransaction { db in try await inventory.expireReservations(now: end, on: db) }
            #expect(try await platform.violations() == [])
            var onHand = 0
            for location in [berlin, munich] {
                for sku in ["A", "B"] {
                    let level = try await platform.level(sku, at: location)
                    #expect(level.reserved == 0)
                    onHand += level.onHand
                }
            }
            #expect(onHand == 120 - sold)
            let held = try await database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM inventory_reservations WHERE status = 'held'")
                    .first(decodingColumn: "n", as: Int.self)
            }
            #expect(held == 0)
        }
    }
}
