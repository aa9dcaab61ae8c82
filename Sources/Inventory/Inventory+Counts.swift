import Foundation
public import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// Records what staff counted at a location: on-hand stock becomes the counted figure and the
    /// difference is journalled as a `count` movement (none when the count agrees).
    ///
    /// Each line is a compare-and-set against the on-hand figure just read, so a sale committed in
    /// between is not overwritten: the line is read and applied again. A count below what is held for
    /// orders is refused (`count_below_reserved`) rather than leaving available stock negative.
    @discardableResult
    public func count(_ count: StockCount, by actor: AuditActor, on db: any SQLDatabase) async throws -> [CountedStock]
    {
        var validator = Validator()
        if count.lines.isEmpty { validator.add(InventoryError.linesRequired, at: "/lines") }
        var seen = Set<String>()
        for (index, line) in count.lines.enumerated() {
            validator.checkSKU(line.sku, at: FieldError.pointer("lines", String(index), "sku"))
            validator.check(
                seen.insert(line.sku).inserted, FieldError.pointer("lines", String(index), "sku"),
                "is counted twice", code: "duplicate_sku")
            let pointer = FieldError.pointer("lines", String(index), "counted")
            if line.counted < 0 {
                validator.add(InventoryError.countMustNotBeNegative, at: pointer)
            } else if line.counted > Self.maximumQuantity {
                validator.add(InventoryError.quantityTooLarge(maximum: Self.maximumQuantity), at: pointer)
            }
        }
        try await validator.checkLocationsExist([(count.locationID, "/location_id")], on: db)
        try validator.finish()

        let now = self.now
        let document = StockDocumentID.generate(ids, at: now)
        let thresholds = try await thresholds(for: count.lines.map(\.sku), on: db)
        return try await Savepoint.atomically("inventory_count", on: db) {
            var results: [CountedStock] = []
            var movements: [StockMovement] = []
            for (index, line) in count.lines.enumerated().sorted(by: { $0.element.sku < $1.element.sku }) {
                let (result, level) = try await apply(line, index: index, at: count.locationID, now: now, on: db)
                results.append(result)
                guard result.difference != 0, let level else { continue }
                movements.append(
                    try await InventoryStore.recordMovement(
                        .count, result.difference, level: level, document: document.rawValue, reference: nil,
                        note: count.note, actor: actor, id: StockMovementID.generate(ids, at: now), now: now, on: db))
                try await announceLowStock(
                    level, availableBefore: level.available - result.difference, threshold: thresholds[line.sku], on: db
                )
            }
            try await audit.record(
                "stock.counted", by: actor, target: ("stock_document", document.rawValue),
                detail: [
                    "location_id": count.locationID.rawValue,
                    "differences": Self.summary(results.filter { $0.difference != 0 }.map { ($0.sku, $0.difference) }),
                ], on: db)
            try await outbox.append(
                StockCounted(
                    documentID: document, locationID: count.locationID, lines: results, costs: StockCost.of(movements)),
                on: db)
            return results
        }
    }

    /// Sets one line's on-hand figure by compare-and-set; the level is nil when the count agreed.
    private func apply(
        _ line: StockCount.Line, index: Int, at location: StockLocationID, now: Date, on db: any SQLDatabase
    )
        async throws -> (CountedStock, StockLevel?)
    {
        for _ in 0..<allocationAttempts {
            if try await InventoryStore.level(line.sku, at: location, on: db) == nil {
                try await InventoryStore.ensureLevel(line.sku, at: location, now: now, on: db)
            }
            guard let current = try await InventoryStore.level(line.sku, at: location, on: db) else { continue }
            let result = CountedStock(sku: line.sku, previous: current.onHand, counted: line.counted)
            if result.difference == 0 { return (result, nil) }
            if let level = try await InventoryStore.recount(
                line.sku, at: location, from: current.onHand, to: line.counted, now: now, on: db)
            {
                return (result, level)
            }
            let after = try await InventoryStore.level(line.sku, at: location, on: db)
            if after?.onHand == current.onHand {
                throw InventoryError.countBelowReserved(sku: line.sku, line: index, reserved: after?.reserved ?? 0)
            }
        }
        throw InventoryError.stockChangedConcurrently(sku: line.sku)
    }
}
