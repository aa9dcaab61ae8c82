import Foundation
import Persistence
public import SQLKit
public import TorvCore

extension Inventory {
    /// The stock of one SKU at every location that has a level for it, by location.
    public func stockLevels(of sku: String, on db: any SQLDatabase) async throws -> [StockLevel] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: InventoryStore.levelColumns) FROM inventory_stock_levels
            WHERE sku = \(bind: sku) ORDER BY location_id
            """
        ).all().map(InventoryStore.level(from:))
    }

    /// One location's levels in SKU order, `limit` at a time after the cursor SKU.
    public func stockLevels(
        at location: StockLocationID, after sku: String? = nil, limit: Int, on db: any SQLDatabase
    )
        async throws -> [StockLevel]
    {
        try await db.raw(
            """
            SELECT \(unsafeRaw: InventoryStore.levelColumns) FROM inventory_stock_levels
            WHERE location_id = \(bind: location.rawValue) AND sku > \(bind: sku ?? "")
            ORDER BY sku LIMIT \(bind: max(0, min(limit, 1000)))
            """
        ).all().map(InventoryStore.level(from:))
    }

    /// One SKU's level at one location; zero stock where it has never been.
    public func stockLevel(
        of sku: String, at location: StockLocationID, on db: any SQLDatabase
    ) async throws
        -> StockLevel
    {
        if let level = try await InventoryStore.level(sku, at: location, on: db) { return level }
        let policy = try await policy(for: sku, on: db)
        return StockLevel(
            sku: sku, locationID: location, onHand: 0, reserved: 0,
            minimumAvailable: policy.whenOutOfStock.minimumAvailable, updatedAt: Date(timeIntervalSince1970: 0))
    }

    /// Sellable stock per SKU over active locations that ship, with each SKU's out-of-stock rule —
    /// what a storefront shows as "in stock", "backorder" or "pre-order".
    public func availability(of skus: [String], on db: any SQLDatabase) async throws -> [StockAvailability] {
        guard !skus.isEmpty else { return [] }
        let rows = try await db.raw(
            """
            SELECT l.sku, CAST(SUM(CASE WHEN l.on_hand - l.reserved > 0 THEN l.on_hand - l.reserved ELSE 0 END)
                               AS BIGINT) AS in_stock
            FROM inventory_stock_levels l JOIN inventory_locations loc ON loc.id = l.location_id
            WHERE l.sku IN (\(binds: Array(Set(skus)))) AND loc.active = 1 AND loc.ships = 1
            GROUP BY l.sku
            """
        ).all()
        var inStock: [String: Int] = [:]
        for row in rows { inStock[try row.string("sku")] = try row.int("in_stock") }
        let policies = try await InventoryStore.policies(for: skus, on: db)
        return skus.map { sku in
            StockAvailability(
                sku: sku, inStock: inStock[sku] ?? 0, whenOutOfStock: policies[sku]?.whenOutOfStock ?? .refuse)
        }
    }

    /// The journal of one SKU, oldest first, optionally at one location, `limit` at a time after the cursor.
    public func movements(
        of sku: String, at location: StockLocationID? = nil, after cursor: StockMovementID? = nil, limit: Int,
        on db: any SQLDatabase
    ) async throws -> [StockMovement] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: InventoryStore.movementColumns) FROM inventory_stock_movements
            WHERE sku = \(bind: sku) AND id > \(bind: cursor?.rawValue ?? "")
              AND (location_id = \(bind: location?.rawValue ?? "") OR \(bind: location == nil ? 1 : 0) = 1)
            ORDER BY id LIMIT \(bind: max(0, min(limit, 1000)))
            """
        ).all().map(InventoryStore.movement(from:))
    }

    /// The movements one stock document or reservation wrote (a transfer's two legs, a count's lines).
    public func movements(ofDocument document: String, on db: any SQLDatabase) async throws -> [StockMovement] {
        try await db.raw(
            """
            SELECT \(unsafeRaw: InventoryStore.movementColumns) FROM inventory_stock_movements
            WHERE document_id = \(bind: document) ORDER BY id
            """
        ).all().map(InventoryStore.movement(from:))
    }
}
