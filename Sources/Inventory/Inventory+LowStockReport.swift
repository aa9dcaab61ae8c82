public import Persistence
public import SQLKit

/// A SKU whose available stock (over all locations) is at or below its low-stock threshold.
public struct LowStockAlert: Sendable, Hashable {
    public var sku: String
    public var available: Int
    public var threshold: Int
}

extension Inventory {
    /// SKUs with a low-stock threshold whose stock available now, summed over every location, is at or
    /// below it; emptiest first.
    public func lowStock(limit: Int, on db: any SQLDatabase) async throws -> [LowStockAlert] {
        try await db.raw(
            """
            SELECT p.sku, p.low_stock_threshold AS threshold,
                   CAST(COALESCE(SUM(l.on_hand - l.reserved), 0) AS BIGINT) AS available
            FROM inventory_sku_policies p LEFT JOIN inventory_stock_levels l ON l.sku = p.sku
            WHERE p.low_stock_threshold IS NOT NULL
            GROUP BY p.sku, p.low_stock_threshold
            HAVING COALESCE(SUM(l.on_hand - l.reserved), 0) <= p.low_stock_threshold
            ORDER BY available, p.sku
            LIMIT \(bind: limit)
            """
        ).all().map { row in
            LowStockAlert(
                sku: try row.string("sku"), available: try row.int("available"), threshold: try row.int("threshold"))
        }
    }
}
