import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// Books goods that arrived at a location: a `receipt` movement per line, one audit entry.
    @discardableResult
    public func receive(
        _ receipt: StockReceipt, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> [StockMovement]
    {
        var validator = Validator()
        validator.checkLines(receipt.lines.map { ($0.sku, $0.quantity) })
        for (index, line) in receipt.lines.enumerated() {
            validator.checkUnitCost(line.unitCost, at: FieldError.pointer("lines", String(index), "unit_cost"))
        }
        try await validator.checkLocationsExist([(receipt.locationID, "/location_id")], on: db)
        try validator.finish()

        let now = self.now
        let document = StockDocumentID.generate(ids, at: now)
        return try await Savepoint.atomically("inventory_receive", on: db) {
            var movements: [StockMovement] = []
            // Levels are always locked in SKU order, so two documents never wait on each other in a cycle.
            for line in receipt.lines.sorted(by: { $0.sku < $1.sku }) {
                let level = try await InventoryStore.add(
                    line.quantity, of: line.sku, at: receipt.locationID, now: now, on: db)
                movements.append(
                    try await InventoryStore.recordMovement(
                        .receipt, line.quantity, level: level, document: document.rawValue,
                        reference: receipt.reference, note: receipt.note, actor: actor,
                        id: StockMovementID.generate(ids, at: now), now: now, unitCost: line.unitCost, on: db))
            }
            try await audit.record(
                "stock.received", by: actor, target: ("stock_document", document.rawValue),
                detail: [
                    "location_id": receipt.locationID.rawValue, "reference": receipt.reference ?? "",
                    "lines": Self.summary(receipt.lines.map { ($0.sku, $0.quantity) }),
                ], on: db)
            try await outbox.append(
                StockReceived(
                    documentID: document, locationID: receipt.locationID, reference: receipt.reference,
                    lines: receipt.lines, costs: StockCost.of(movements)), on: db)
            return movements
        }
    }

    /// Corrects, writes off or returns stock at one location. Removing stock takes only free units:
    /// units held for orders must be released or re-routed first (`insufficient_stock`).
    @discardableResult
    public func adjust(
        _ adjustment: StockAdjustment, by actor: AuditActor, on db: any SQLDatabase
    ) async throws
        -> StockMovement
    {
        var validator = Validator()
        validator.checkSKU(adjustment.sku, at: "/sku")
        validator.checkUnitCost(adjustment.unitCost, at: "/unit_cost")
        let quantity = adjustment.quantity
        if quantity == 0 {
            validator.add(InventoryError.quantityMustNotBeZero, at: "/quantity")
        } else if quantity < -Self.maximumQuantity || quantity > Self.maximumQuantity {
            validator.add(InventoryError.quantityTooLarge(maximum: Self.maximumQuantity), at: "/quantity")
        } else if [.writeOff, .supplierReturn].contains(adjustment.reason) && quantity > 0 {
            validator.add(InventoryError.quantityMustBeNegative, at: "/quantity")
        } else if adjustment.reason == .customerReturn && quantity < 0 {
            validator.add(InventoryError.quantityMustBePositive, at: "/quantity")
        }
        try await validator.checkLocationsExist([(adjustment.locationID, "/location_id")], on: db)
        try validator.finish()

        let now = self.now
        let document = StockDocumentID.generate(ids, at: now)
        let threshold = try await thresholds(for: [adjustment.sku], on: db)[adjustment.sku]
        return try await Savepoint.atomically("inventory_adjust", on: db) {
            let level: StockLevel
            if quantity > 0 {
                level = try await InventoryStore.add(
                    quantity, of: adjustment.sku, at: adjustment.locationID, now: now, on: db)
            } else {
                guard
                    let removed = try await InventoryStore.remove(
                        -quantity, of: adjustment.sku, at: adjustment.locationID, now: now, on: db)
                else {
                    let current = try await InventoryStore.level(adjustment.sku, at: adjustment.locationID, on: db)
                    throw InventoryError.insufficientStock(
                        sku: adjustment.sku, location: adjustment.locationID, available: current?.available ?? 0)
                }
                level = removed
                try await announceLowStock(
                    level, availableBefore: level.available - quantity, threshold: threshold, on: db)
            }
            let movement = try await InventoryStore.recordMovement(
                adjustment.reason.movementReason, quantity, level: level, document: document.rawValue,
                reference: adjustment.reference, note: adjustment.note, actor: actor,
                id: StockMovementID.generate(ids, at: now), now: now,
                unitCost: quantity > 0 ? adjustment.unitCost : nil,
                on: db)
            try await audit.record(
                "stock.adjusted", by: actor, target: ("stock_document", document.rawValue),
                detail: [
                    "sku": adjustment.sku, "location_id": adjustment.locationID.rawValue,
                    "quantity": String(quantity), "reason": adjustment.reason.rawValue, "note": adjustment.note ?? "",
                ], on: db)
            try await outbox.append(
                StockAdjusted(
                    documentID: document, sku: adjustment.sku, locationID: adjustment.locationID, quantity: quantity,
                    reason: adjustment.reason, costs: StockCost.of([movement])), on: db)
            return movement
        }
    }

    /// `"SKU-1×3,SKU-2×1"`, for audit details.
    static func summary(_ lines: [(sku: String, quantity: Int)]) -> String {
        lines.map { "\($0.sku)×\($0.quantity)" }.joined(separator: ",")
    }
}
