import Flows
import Foundation
import Inventory
import Persistence
import TestSupport
import Testing
import TorvCore

@Suite("Reservation expiry")
struct ExpiryTests {
    @Test("an overdue hold cannot be committed and is released by the sweep once", arguments: TestBackend.allCases)
    func overdue(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 5, at: berlin)
            let hold = try await platform.reserve([StockRequest(sku: "A", quantity: 2)], for: "cart_1", minutes: 15)
            env.clock.advance(by: 16 * 60)

            await #expect(throws: InventoryError.reservationExpired) {
                try await env.database.inTransaction { db in _ = try await platform.inventory.commit(hold.id, on: db) }
            }
            let now = env.clock.now
            let first = try await env.database.inTransaction { db in
                try await platform.inventory.expireReservations(now: now, on: db)
            }
            let second = try await env.database.inTransaction { db in
                try await platform.inventory.expireReservations(now: now, on: db)
            }
            #expect(first == [hold.id])
            #expect(second == [])
            #expect(try await platform.level("A", at: berlin).reserved == 0)
            let stored = try await env.database.read { db in try await platform.inventory.reservation(hold.id, on: db) }
            #expect(stored.status == .expired)
            #expect(try await platform.events(StockReleased.self).map(\.reason) == [.expired])
            // Releasing an expired hold is harmless; committing it stays refused.
            let released = try await env.database.inTransaction { db in
                try await platform.inventory.release(hold.id, on: db)
            }
            #expect(released.status == .expired)
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "the expiry job releases due holds, leaves the others, and schedules its next sweep",
        arguments: TestBackend.allCases)
    func job(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 5, at: berlin)
            let short = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "cart_1", minutes: 15)
            let shorter = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "cart_3", minutes: 5)
            let long = try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: "cart_2", minutes: 60)
            try await env.database.inTransaction { db in try await platform.inventory.scheduleExpiry(on: db) }
            var inventory = platform.inventory
            inventory.expiryBatchSize = 1  // one hold per transaction: the job must loop
            let worker = JobWorker(
                database: env.database, queue: platform.jobs, handlers: [inventory.expiryJob(in: env.database)])

            env.clock.advance(by: 20 * 60)
            #expect(try await worker.runDue() == 1)
            #expect(try await worker.runDue() == 0)  // the next sweep is not due yet
            var statuses = try await env.database.read { db in
                [
                    try await platform.inventory.reservation(short.id, on: db).status,
                    try await platform.inventory.reservation(shorter.id, on: db).status,
                    try await platform.inventory.reservation(long.id, on: db).status,
                ]
            }
            #expect(statuses == [.expired, .expired, .held])
            #expect(try await platform.jobs.counts(in: env.database) == ["done": 1, "queued": 1])

            env.clock.advance(by: 41 * 60)
            #expect(try await worker.runDue() == 1)
            statuses = try await env.database.read { db in
                [try await platform.inventory.reservation(long.id, on: db).status]
            }
            #expect(statuses == [.expired])
            #expect(try await platform.level("A", at: berlin).reserved == 0)
            #expect(try await platform.violations() == [])
        }
    }

    @Test("a sweep with a limit releases the oldest holds first", arguments: TestBackend.allCases)
    func limitedSweep(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("A", 5, at: berlin)
            var holds: [StockReservationID] = []
            for (cart, minutes) in [("cart_1", 10.0), ("cart_2", 5.0), ("cart_3", 20.0)] {
                holds.append(
                    try await platform.reserve([StockRequest(sku: "A", quantity: 1)], for: cart, minutes: minutes).id)
            }
            env.clock.advance(by: 30 * 60)
            let now = env.clock.now
            let sweep = { @Sendable (limit: Int?) in
                try await env.database.inTransaction { db in
                    try await platform.inventory.expireReservations(now: now, limit: limit, on: db)
                }
            }
            #expect(try await sweep(2) == [holds[1], holds[0]])
            #expect(try await sweep(nil) == [holds[2]])
            #expect(try await sweep(nil) == [])
            #expect(try await platform.level("A", at: berlin).reserved == 0)
        }
    }
}
