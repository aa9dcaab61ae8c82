import Flows
import Foundation
import Inventory
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Receipts, adjustments, transfers and counts")
struct StockDocumentTests {
    @Test("a receipt adds stock, journals it, audits it and announces it", arguments: TestBackend.allCases)
    func receipt(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            let movements = try await env.database.inTransaction { db in
                try await platform.inventory.receive(
                    StockReceipt(
                        locationID: berlin.id,
                        lines: [StockLine(sku: "TEE-M", quantity: 12), StockLine(sku: "CAP", quantity: 3)],
                        reference: "PO-1001"), by: .clerk, on: db)
            }
            #expect(movements.map(\.reason) == [.receipt, .receipt])
            #expect(Set(movements.map(\.document)).count == 1)
            #expect(movements.allSatisfy { $0.reference == "PO-1001" && $0.actor == .clerk })
            #expect(try await platform.level("TEE-M", at: berlin).onHand == 12)
            try await platform.stock("TEE-M", 8, at: berlin)
            let level = try await platform.level("TEE-M", at: berlin)
            #expect((level.onHand, level.reserved, level.available) == (20, 0, 20))
            let journal = try await env.database.read { db in
                try await platform.inventory.movements(of: "TEE-M", limit: 10, on: db)
            }
            #expect(journal.map(\.onHandAfter) == [12, 20])
            #expect(try await platform.eventTypes() == ["stock.received", "stock.received"])
            let audit = try await env.database.read { db in try await platform.audit.list(limit: 10, on: db) }
            #expect(audit.filter { $0.action == "stock.received" }.count == 2)
            #expect(try await platform.violations() == [])
        }
    }

    @Test("receipts refuse bad lines and unknown locations, all reported at once", arguments: TestBackend.allCases)
    func receiptValidation(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let nowhere = StockLocationID.generate(env.ids)
            do {
                try await env.database.inTransaction { db in
                    _ = try await platform.inventory.receive(
                        StockReceipt(
                            locationID: nowhere,
                            lines: [
                                StockLine(sku: "A", quantity: 0), StockLine(sku: " ", quantity: 1),
                                StockLine(sku: "B", quantity: -3),
                            ]), by: .clerk, on: db)
                }
                Issue.record("expected a validation error")
            } catch let error as ValidationError {
                #expect(
                    error.fieldErrors.map { "\($0.pointer) \($0.code)" }.sorted() == [
                        "/lines/0/quantity quantity_must_be_positive", "/lines/1/sku sku_required",
                        "/lines/2/quantity quantity_must_be_positive", "/location_id unknown_location",
                    ])
            }
        }
    }

    @Test("adjustments correct, write off and return stock, never removing held units", arguments: TestBackend.allCases)
    func adjustments(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("MUG", 10, at: berlin)
            _ = try await platform.reserve([StockRequest(sku: "MUG", quantity: 6)], for: "cart_1")
            let adjust: @Sendable (Int, StockAdjustmentReason) async throws -> StockMovement = { quantity, reason in
                try await env.database.inTransaction { db in
                    try await platform.inventory.adjust(
                        StockAdjustment(
                            sku: "MUG", locationID: berlin.id, quantity: quantity, reason: reason, note: "shelf"),
                        by: .clerk, on: db)
                }
            }
            #expect(try await adjust(-2, .writeOff).reason == .writeOff)
            #expect(try await adjust(1, .customerReturn).reason == .customerReturn)
            #expect(try await adjust(-1, .correction).onHandAfter == 8)
            await #expect(throws: InventoryError.insufficientStock(sku: "MUG", location: berlin.id, available: 2)) {
                _ = try await adjust(-3, .writeOff)
            }
            await #expect(throws: ValidationError.self) { _ = try await adjust(2, .writeOff) }
            await #expect(throws: ValidationError.self) { _ = try await adjust(0, .correction) }
            let level = try await platform.level("MUG", at: berlin)
            #expect((level.onHand, level.reserved) == (8, 6))
            #expect(try await platform.violations() == [])
        }
    }

    @Test("a transfer writes both legs under one document and moves only free stock", arguments: TestBackend.allCases)
    func transfer(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            let munich = try await platform.location(.fixture("Munich"))
            try await platform.stock("TEE-M", 10, at: berlin)
            try await platform.stock("CAP", 2, at: berlin)
            let moved = try await env.database.inTransaction { db in
                try await platform.inventory.transfer(
                    StockTransfer(from: berlin.id, to: munich.id, lines: [StockLine(sku: "TEE-M", quantity: 4)]),
                    by: .clerk, on: db)
            }
            #expect(Set(moved.map(\.reason)) == [.transferOut, .transferIn])
            #expect(moved.map(\.quantity).reduce(0, +) == 0)
            let legs = try await env.database.read { db in
                try await platform.inventory.movements(ofDocument: moved[0].document, on: db)
            }
            #expect(legs.count == 2)
            #expect(try await platform.level("TEE-M", at: berlin).onHand == 6)
            #expect(try await platform.level("TEE-M", at: munich).onHand == 4)

            // All or nothing: the second line is short, so the first does not move either.
            await #expect(throws: InventoryError.insufficientStock(sku: "CAP", location: berlin.id, available: 2)) {
                try await env.database.inTransaction { db in
                    _ = try await platform.inventory.transfer(
                        StockTransfer(
                            from: berlin.id, to: munich.id,
                            lines: [StockLine(sku: "TEE-M", quantity: 1), StockLine(sku: "CAP", quantity: 3)]),
                        by: .clerk, on: db)
                }
            }
            #expect(try await platform.level("TEE-M", at: berlin).onHand == 6)
            await #expect(throws: ValidationError.self) {
                try await env.database.inTransaction { db in
                    _ = try await platform.inventory.transfer(
                        StockTransfer(from: berlin.id, to: berlin.id, lines: [StockLine(sku: "CAP", quantity: 1)]),
                        by: .clerk, on: db)
                }
            }
            #expect(try await platform.violations() == [])
        }
    }

    @Test(
        "a count records the difference as a count movement and refuses to undercut holds",
        arguments: TestBackend.allCases)
    func count(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let platform = env.platform()
            let berlin = try await platform.location(.fixture("Berlin"))
            try await platform.stock("TEE-M", 10, at: berlin)
            try await platform.stock("CAP", 5, at: berlin)
            _ = try await platform.reserve([StockRequest(sku: "CAP", quantity: 4)], for: "cart_1")
            let counted = try await env.database.inTransaction { db in
                try await platform.inventory.count(
                    StockCount(
                        locationID: berlin.id,
                        lines: [
                            .init(sku: "TEE-M", counted: 7), .init(sku: "CAP", counted: 5),
                            .init(sku: "NEW", counted: 2),
                        ]),
                    by: .clerk, on: db)
            }
            #expect(
                Set(counted.map { "\($0.sku) \($0.previous)→\($0.counted)" }) == ["TEE-M 10→7", "CAP 5→5", "NEW 0→2"])
            #expect(try await platform.level("TEE-M", at: berlin).onHand == 7)
            #expect(try await platform.level("NEW", at: berlin).onHand == 2)
            let journal = try await env.database.read { db in
                try await platform.inventory.movements(of: "TEE-M", limit: 10, on: db)
            }
            #expect(journal.last?.reason == .count)
            #expect(journal.last?.quantity == -3)

            await #expect(throws: InventoryError.countBelowReserved(sku: "CAP", line: 0, reserved: 4)) {
                try await env.database.inTransaction { db in
                    _ = try await platform.inventory.count(
                        StockCount(locationID: berlin.id, lines: [.init(sku: "CAP", counted: 3)]), by: .clerk, on: db)
                }
            }
            #expect(try await platform.eventTypes().filter { $0 == "stock.counted" }.count == 1)
            #expect(try await platform.violations() == [])
        }
    }
}
