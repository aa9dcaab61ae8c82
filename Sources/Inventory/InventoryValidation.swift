import Foundation
import SQLKit
import TorvCore

/// The input checks facades share. Each problem is recorded with its pointer and one of
/// ``InventoryError``'s codes; `finish()` then throws them all at once.
extension Validator {
    mutating func checkSKU(_ sku: String, at pointer: String) {
        let trimmed = sku.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty || trimmed != sku || sku.count > 200 {
            add(InventoryError.skuRequired, at: pointer)
        }
    }

    mutating func checkQuantity(_ quantity: Int, at pointer: String) {
        if quantity < 1 {
            add(InventoryError.quantityMustBePositive, at: pointer)
        } else if quantity > Inventory.maximumQuantity {
            add(InventoryError.quantityTooLarge(maximum: Inventory.maximumQuantity), at: pointer)
        }
    }

    /// Lines at `/lines/<index>/sku` and `/lines/<index>/quantity`; at least one.
    mutating func checkLines(_ lines: [(sku: String, quantity: Int)]) {
        if lines.isEmpty { add(InventoryError.linesRequired, at: "/lines") }
        for (index, line) in lines.enumerated() {
            checkSKU(line.sku, at: FieldError.pointer("lines", String(index), "sku"))
            checkQuantity(line.quantity, at: FieldError.pointer("lines", String(index), "quantity"))
        }
    }

    /// A unit cost is zero or more and at most 10 000 000 000 minor units (so quantity × cost stays far
    /// from overflow).
    mutating func checkUnitCost(_ cost: Money?, at pointer: String) {
        guard let cost else { return }
        check(
            cost.amount >= 0 && cost.amount <= 10_000_000_000, pointer, "must be between 0 and 100000000.00",
            code: "invalid_unit_cost")
    }

    /// Records `unknown_location` at each pointer whose location does not exist.
    mutating func checkLocationsExist(
        _ locations: [(id: StockLocationID, pointer: String)], on db: any SQLDatabase
    )
        async throws
    {
        let unknown = try await InventoryStore.unknownLocations(locations.map(\.id), on: db)
        for (id, pointer) in locations where unknown.contains(id) {
            add(InventoryError.unknownLocation(id), at: pointer)
        }
    }
}
