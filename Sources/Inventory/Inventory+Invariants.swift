import Persistence
public import SQLKit
import TorvCore

extension Inventory {
    /// Checks Inventory's invariants over all data, for `torv audit` and tests. Read-only; each check is
    /// one statement, so it sees one consistent snapshot even while checkouts run. An empty answer means
    /// every level agrees with its journal, its holds and its policy.
    public func verifyInvariants(on db: any SQLDatabase) async throws -> [InventoryViolation] {
        var violations: [InventoryViolation] = []
        // On hand = the sum of the level's movements.
        violations += try await Self.violations(
            .onHandDiffersFromMovements,
            """
            SELECT l.sku, l.location_id, COALESCE(m.total, 0) AS expected, l.on_hand AS actual
            FROM inventory_stock_levels l
            LEFT JOIN (SELECT sku, location_id, CAST(SUM(quantity) AS BIGINT) AS total
                       FROM inventory_stock_movements GROUP BY sku, location_id) m
              ON m.sku = l.sku AND m.location_id = l.location_id
            WHERE l.on_hand <> COALESCE(m.total, 0)
            """, on: db)
        // Stock value: one valued quantity per SKU equal to its stock everywhere, a value equal to the
        // values its movements recorded, and nothing left in value once nothing is left in stock.
        violations += try await Self.violations(
            .valuedQuantityDiffersFromStock,
            """
            SELECT s.sku, '' AS location_id, s.total AS expected, COALESCE(v.quantity, 0) AS actual
            FROM (SELECT sku, CAST(SUM(on_hand) AS BIGINT) AS total FROM inventory_stock_levels GROUP BY sku) s
            LEFT JOIN inventory_valuations v ON v.sku = s.sku
            WHERE s.total <> COALESCE(v.quantity, 0)
            """, on: db)
        violations += try await Self.violations(
            .valueDiffersFromMovements,
            """
            SELECT v.sku, '' AS location_id, COALESCE(m.total, 0) AS expected, v.value AS actual
            FROM inventory_valuations v
            LEFT JOIN (SELECT sku, CAST(SUM(value) AS BIGINT) AS total FROM inventory_stock_movements
                       WHERE value IS NOT NULL GROUP BY sku) m ON m.sku = v.sku
            WHERE v.value <> COALESCE(m.total, 0)
            """, on: db)
        violations += try await Self.violations(
            .valueWithoutStock,
            """
            SELECT sku, '' AS location_id, 0 AS expected, value AS actual FROM inventory_valuations
            WHERE quantity = 0 AND value <> 0
            """, on: db)
        violations += try await Self.violations(
            .movementsWithoutLevel,
            """
            SELECT m.sku, m.location_id, CAST(SUM(m.quantity) AS BIGINT) AS expected, CAST(NULL AS BIGINT) AS actual
            FROM inventory_stock_movements m
            LEFT JOIN inventory_stock_levels l ON l.sku = m.sku AND l.location_id = m.location_id
            WHERE l.sku IS NULL
            GROUP BY m.sku, m.location_id
            """, on: db)
        // Reserved = the sum of held reservation lines at the level.
        violations += try await Self.violations(
            .reservedDiffersFromHolds,
            """
            SELECT l.sku, l.location_id, COALESCE(h.total, 0) AS expected, l.reserved AS actual
            FROM inventory_stock_levels l
            LEFT JOIN (SELECT rl.sku, rl.location_id, CAST(SUM(rl.quantity) AS BIGINT) AS total
                       FROM inventory_reservation_lines rl
                       JOIN inventory_reservations r ON r.id = rl.reservation_id AND r.status = 'held'
                       GROUP BY rl.sku, rl.location_id) h
              ON h.sku = l.sku AND h.location_id = l.location_id
            WHERE l.reserved <> COALESCE(h.total, 0)
            """, on: db)
        violations += try await Self.violations(
            .reservedDiffersFromHolds,
            """
            SELECT rl.sku, rl.location_id, CAST(SUM(rl.quantity) AS BIGINT) AS expected, CAST(NULL AS BIGINT) AS actual
            FROM inventory_reservation_lines rl
            JOIN inventory_reservations r ON r.id = rl.reservation_id AND r.status = 'held'
            LEFT JOIN inventory_stock_levels l ON l.sku = rl.sku AND l.location_id = rl.location_id
            WHERE l.sku IS NULL
            GROUP BY rl.sku, rl.location_id
            """, on: db)
        // Available within the minimum (the CHECK makes this unreachable unless it was dropped).
        violations += try await Self.violations(
            .availableBelowMinimum,
            """
            SELECT sku, location_id, min_available AS expected, on_hand - reserved AS actual
            FROM inventory_stock_levels
            WHERE (min_available IS NOT NULL AND on_hand - reserved < min_available) OR reserved < 0
            """, on: db)
        // Each level carries its SKU's current minimum.
        violations += try await Self.violations(
            .minimumDiffersFromPolicy,
            """
            SELECT l.sku, l.location_id, p.min_available AS expected, l.min_available AS actual
            FROM inventory_stock_levels l
            LEFT JOIN inventory_sku_policies p ON p.sku = l.sku
            WHERE p.sku IS NULL
               OR (l.min_available IS NULL) <> (p.min_available IS NULL)
               OR l.min_available <> p.min_available
            """, on: db)
        return violations
    }

    private static func violations(
        _ kind: InventoryViolation.Kind, _ query: SQLQueryString, on db: any SQLDatabase
    ) async throws -> [InventoryViolation] {
        try await db.raw(query).all().map { row in
            InventoryViolation(
                kind: kind, sku: try row.string("sku"), locationID: try row.string("location_id"),
                expected: try row.optionalInt("expected"), actual: try row.optionalInt("actual"))
        }
    }
}
