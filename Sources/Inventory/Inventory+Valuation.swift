public import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// Stock value at moving average cost for `skus` (every valued SKU when nil), by SKU.
    public func valuations(of skus: [String]? = nil, on db: any SQLDatabase) async throws -> [StockValuation] {
        try await InventoryStore.valuations(skus, on: db)
    }

    /// The value of all stock in `currency` at cost: what the books' inventory account must show.
    public func inventoryValue(currency: Currency, on db: any SQLDatabase) async throws -> Money {
        let total =
            try await db.raw(
                """
                SELECT CAST(COALESCE(SUM(value), 0) AS BIGINT) AS total FROM inventory_valuations
                WHERE currency = \(bind: currency.code)
                """
            ).first(decodingColumn: "total", as: Int64.self) ?? 0
        return Money(minorUnits: total, currency: currency)
    }
}
