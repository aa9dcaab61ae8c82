import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// Moves free stock between two locations at once: per line a `transfer_out` and a `transfer_in`
    /// movement under one stock document, in one savepoint. Units held for orders do not move.
    @discardableResult
    public func transfer(
        _ transfer: StockTransfer, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> [StockMovement]
    {
        var validator = Validator()
        validator.checkLines(transfer.lines.map { ($0.sku, $0.quantity) })
        if transfer.from == transfer.to { validator.add(InventoryError.sameLocation, at: "/to") }
        try await validator.checkLocationsExist([(transfer.from, "/from"), (transfer.to, "/to")], on: db)
        try validator.finish()

        let now = self.now
        let document = StockDocumentID.generate(ids, at: now)
        let thresholds = try await thresholds(for: transfer.lines.map(\.sku), on: db)
        return try await Savepoint.atomically("inventory_transfer", on: db) {
            var movements: [StockMovement] = []
            // Levels are locked in (SKU, location) order, whichever way the goods travel, so two opposite
            // transfers cannot deadlock.
            for line in transfer.lines.sorted(by: { $0.sku < $1.sku }) {
                var legs: [(StockMovementReason, StockLocationID)] = [
                    (.transferOut, transfer.from), (.transferIn, transfer.to),
                ]
                legs.sort { $0.1 < $1.1 }
                for (reason, location) in legs {
                    let level: StockLevel
                    if reason == .transferOut {
                        guard
                            let taken = try await InventoryStore.remove(
                                line.quantity, of: line.sku, at: location, now: now, on: db)
                        else {
                            let current = try await InventoryStore.level(line.sku, at: location, on: db)
                            throw InventoryError.insufficientStock(
                                sku: line.sku, location: location, available: current?.available ?? 0)
                        }
                        level = taken
                        try await announceLowStock(
                            level, availableBefore: level.available + line.quantity, threshold: thresholds[line.sku],
                            on: db)
                    } else {
                        level = try await InventoryStore.add(
                            line.quantity, of: line.sku, at: location, now: now, on: db)
                    }
                    movements.append(
                        try await InventoryStore.recordMovement(
                            reason, reason == .transferOut ? -line.quantity : line.quantity, level: level,
                            document: document.rawValue, reference: transfer.reference, note: transfer.note,
                            actor: actor,
                            id: StockMovementID.generate(ids, at: now), now: now, on: db))
                }
            }
            try await audit.record(
                "stock.transferred", by: actor, target: ("stock_document", document.rawValue),
                detail: [
                    "from": transfer.from.rawValue, "to": transfer.to.rawValue, "reference": transfer.reference ?? "",
                    "lines": Self.summary(transfer.lines.map { ($0.sku, $0.quantity) }),
                ], on: db)
            try await outbox.append(
                StockTransferred(documentID: document, from: transfer.from, to: transfer.to, lines: transfer.lines),
                on: db)
            return movements
        }
    }
}
