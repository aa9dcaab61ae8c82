import Persistence
import SQLKit

extension Inventory {
    /// Appends `stock.low` when a change took available stock from above the threshold to or below it.
    /// Only crossings count: purchasing hears once per dip, not once per sale while low.
    func announceLowStock(
        _ level: StockLevel, availableBefore: Int, threshold: Int?, on db: any SQLDatabase
    )
        async throws
    {
        guard let threshold, availableBefore > threshold, level.available <= threshold else { return }
        try await outbox.append(
            StockLow(sku: level.sku, locationID: level.locationID, available: level.available, threshold: threshold),
            on: db)
    }

    /// Low-stock thresholds of the given SKUs.
    func thresholds(for skus: [String], on db: any SQLDatabase) async throws -> [String: Int] {
        try await InventoryStore.policies(for: skus, on: db).compactMapValues(\.lowStockThreshold)
    }
}
