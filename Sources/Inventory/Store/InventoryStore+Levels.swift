import Foundation
import Persistence
import SQLKit
import TorvCore

/// Inventory's SQL. Every change of a level is one guarded statement whose WHERE clause restates the
/// invariant, so it holds under any concurrency without reading first; RETURNING gives the new row.
enum InventoryStore {
    static let levelColumns = "sku, location_id, on_hand, reserved, min_available, updated_at"

    static func level(from row: any SQLRow) throws -> StockLevel {
        StockLevel(
            sku: try row.string("sku"),
            locationID: try row.id("location_id", as: StockLocationID.self, table: "inventory_stock_levels"),
            onHand: try row.int("on_hand"), reserved: try row.int("reserved"),
            minimumAvailable: try row.optionalInt("min_available"), updatedAt: try row.date("updated_at"))
    }

    static func level(_ sku: String, at location: StockLocationID, on db: any SQLDatabase) async throws -> StockLevel? {
        try await db.raw(
            """
            SELECT \(unsafeRaw: levelColumns) FROM inventory_stock_levels
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue)
            """
        ).first().map(level(from:))
    }

    /// Creates the zero level of `sku` at `location` when missing, with the minimum of the SKU's policy.
    static func ensureLevel(
        _ sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    )
        async throws
    {
        try await ensurePolicy(sku, now: now, on: db)
        if db.backend == .postgres {
            // With the policy row share-locked, a concurrent policy change either committed already (and
            // the INSERT below reads its new minimum) or waits for this transaction and then updates
            // this level too. SQLite has a single writer, so there is no such race.
            try await db.raw("SELECT sku FROM inventory_sku_policies WHERE sku = \(bind: sku) FOR SHARE").run()
        }
        try await db.raw(
            """
            INSERT INTO inventory_stock_levels (sku, location_id, on_hand, reserved, min_available, updated_at)
            SELECT sku, \(bind: location.rawValue), 0, 0, min_available, \(bind: now.epochMicroseconds)
            FROM inventory_sku_policies WHERE sku = \(bind: sku)
            ON CONFLICT (sku, location_id) DO NOTHING
            """
        ).run()
    }

    /// Holds `quantity` more units unless available would fall below the level's minimum.
    static func reserve(
        _ quantity: Int, of sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    ) async throws -> StockLevel? {
        try await db.raw(
            """
            UPDATE inventory_stock_levels
            SET reserved = reserved + \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue)
              AND (min_available IS NULL OR on_hand - reserved - \(bind: quantity) >= min_available)
            RETURNING \(unsafeRaw: levelColumns)
            """
        ).first().map(level(from:))
    }

    /// Lets go of held units (release, expiry).
    static func unreserve(
        _ quantity: Int, of sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    ) async throws -> StockLevel? {
        try await db.raw(
            """
            UPDATE inventory_stock_levels
            SET reserved = reserved - \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue) AND reserved >= \(bind: quantity)
            RETURNING \(unsafeRaw: levelColumns)
            """
        ).first().map(level(from:))
    }

    /// Turns held units into a sale: on hand and reserved fall together, so available is unchanged.
    static func sell(
        _ quantity: Int, of sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    ) async throws -> StockLevel? {
        try await db.raw(
            """
            UPDATE inventory_stock_levels
            SET on_hand = on_hand - \(bind: quantity), reserved = reserved - \(bind: quantity),
                updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue) AND reserved >= \(bind: quantity)
            RETURNING \(unsafeRaw: levelColumns)
            """
        ).first().map(level(from:))
    }

    /// Adds units to on-hand stock, creating the level when needed.
    static func add(
        _ quantity: Int, of sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    ) async throws -> StockLevel {
        for _ in 0..<2 {
            if let level = try await db.raw(
                """
                UPDATE inventory_stock_levels
                SET on_hand = on_hand + \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
                WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue)
                RETURNING \(unsafeRaw: levelColumns)
                """
            ).first().map(level(from:)) {
                return level
            }
            try await ensureLevel(sku, at: location, now: now, on: db)
        }
        throw PersistenceError.corruptRow(table: "inventory_stock_levels", detail: "level \(sku) vanished")
    }

    /// Takes free units out of on-hand stock: never units held for orders, never below zero on hand.
    static func remove(
        _ quantity: Int, of sku: String, at location: StockLocationID, now: Date, on db: any SQLDatabase
    ) async throws -> StockLevel? {
        try await db.raw(
            """
            UPDATE inventory_stock_levels
            SET on_hand = on_hand - \(bind: quantity), updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue)
              AND on_hand - reserved >= \(bind: quantity)
            RETURNING \(unsafeRaw: levelColumns)
            """
        ).first().map(level(from:))
    }

    /// Sets on-hand stock to a counted value if it is still `previous` (compare and set: a sale between
    /// reading and writing makes this return nil and the caller read again), and if the count still
    /// covers what is held for orders.
    static func recount(
        _ sku: String, at location: StockLocationID, from previous: Int, to counted: Int, now: Date,
        on db: any SQLDatabase
    ) async throws -> StockLevel? {
        try await db.raw(
            """
            UPDATE inventory_stock_levels
            SET on_hand = \(bind: counted), updated_at = \(bind: now.epochMicroseconds)
            WHERE sku = \(bind: sku) AND location_id = \(bind: location.rawValue) AND on_hand = \(bind: previous)
              AND (min_available IS NULL OR \(bind: counted) - reserved >= min_available)
            RETURNING \(unsafeRaw: levelColumns)
            """
        ).first().map(level(from:))
    }
}
