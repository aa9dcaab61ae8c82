import Foundation
import Persistence
import SQLKit
import TorvCore

extension InventoryStore {
    /// Records the default policy (refuse) for a SKU seen for the first time.
    static func ensurePolicy(_ sku: String, now: Date, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO inventory_sku_policies (sku, when_out_of_stock, min_available, updated_at)
            VALUES (\(bind: sku), 'refuse', 0, \(bind: now.epochMicroseconds))
            ON CONFLICT (sku) DO NOTHING
            """
        ).run()
    }

    static func policies(for skus: [String], on db: any SQLDatabase) async throws -> [String: StockPolicy] {
        guard !skus.isEmpty else { return [:] }
        let rows = try await db.raw(
            """
            SELECT sku, when_out_of_stock, oversell_limit, available_from, low_stock_threshold
            FROM inventory_sku_policies WHERE sku IN (\(binds: Array(Set(skus))))
            """
        ).all()
        var policies: [String: StockPolicy] = [:]
        for row in rows {
            let policy = try policy(from: row)
            policies[policy.sku] = policy
        }
        return policies
    }

    static func policy(from row: any SQLRow) throws -> StockPolicy {
        let limit = try row.optionalInt("oversell_limit")
        let kind = try row.string("when_out_of_stock")
        let availableFrom = try row.optionalDate("available_from")
        let rule: OutOfStockRule
        switch kind {
        case "backorder": rule = .backorder(limit: limit)
        case "preorder": rule = .preorder(availableFrom: availableFrom ?? .distantPast, limit: limit)
        default: rule = .refuse
        }
        return StockPolicy(
            sku: try row.string("sku"), whenOutOfStock: rule,
            lowStockThreshold: try row.optionalInt("low_stock_threshold"))
    }

    /// Writes a policy; the row stays locked until the transaction ends, which orders it against
    /// levels being created for the SKU (see ``ensureLevel(_:at:now:on:)``).
    static func upsert(_ policy: StockPolicy, now: Date, on db: any SQLDatabase) async throws {
        let (kind, limit, availableFrom): (String, Int?, Date?) =
            switch policy.whenOutOfStock {
            case .refuse: ("refuse", nil, nil)
            case .backorder(let limit): ("backorder", limit, nil)
            case .preorder(let date, let limit): ("preorder", limit, date)
            }
        let minimum = policy.whenOutOfStock.minimumAvailable
        try await db.raw(
            """
            INSERT INTO inventory_sku_policies
                (sku, when_out_of_stock, oversell_limit, available_from, min_available, low_stock_threshold, updated_at)
            VALUES (\(bind: policy.sku), \(bind: kind), \(bind: limit), \(bind: availableFrom?.epochMicroseconds),
                    \(bind: minimum), \(bind: policy.lowStockThreshold), \(bind: now.epochMicroseconds))
            ON CONFLICT (sku) DO UPDATE SET
                when_out_of_stock = excluded.when_out_of_stock, oversell_limit = excluded.oversell_limit,
                available_from = excluded.available_from, min_available = excluded.min_available,
                low_stock_threshold = excluded.low_stock_threshold, updated_at = excluded.updated_at
            """
        ).run()
    }

    /// Copies a new minimum onto the SKU's levels where it holds; returns the levels it cannot hold on
    /// (more backordered there than the new limit allows).
    static func applyMinimum(
        _ minimum: Int?, to sku: String, now: Date, on db: any SQLDatabase
    ) async throws
        -> [StockLevel]
    {
        if let minimum {
            try await db.raw(
                """
                UPDATE inventory_stock_levels
                SET min_available = \(bind: minimum), updated_at = \(bind: now.epochMicroseconds)
                WHERE sku = \(bind: sku) AND on_hand - reserved >= \(bind: minimum)
                """
            ).run()
            return try await db.raw(
                """
                SELECT \(unsafeRaw: levelColumns) FROM inventory_stock_levels
                WHERE sku = \(bind: sku) AND on_hand - reserved < \(bind: minimum)
                ORDER BY location_id
                """
            ).all().map(level(from:))
        }
        try await db.raw(
            """
            UPDATE inventory_stock_levels SET min_available = NULL, updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku)
            """
        ).run()
        return []
    }
}
