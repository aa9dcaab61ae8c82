public import Persistence

/// Inventory's tables. Append-only: add a migration, never edit one.
///
/// Flags are INTEGER 0/1 rather than BOOLEAN so that one SQL text and one Swift binding serve both
/// backends. Quantities are BIGINT. SKUs are the Catalog's strings, with no foreign key across modules.
public enum InventoryMigrations {
    public static let all: [Migration] = [
        Migration(
            "inventory.0001_locations",
            [
                """
                CREATE TABLE inventory_locations (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('warehouse', 'store', 'pickup_point')),
                    name TEXT NOT NULL,
                    address_line1 TEXT NOT NULL,
                    address_line2 TEXT,
                    city TEXT NOT NULL,
                    postal_code TEXT NOT NULL,
                    country_code TEXT NOT NULL CHECK (length(country_code) = 2),
                    latitude DOUBLE PRECISION CHECK (latitude BETWEEN -90 AND 90),
                    longitude DOUBLE PRECISION CHECK (longitude BETWEEN -180 AND 180),
                    ships INTEGER NOT NULL CHECK (ships IN (0, 1)),
                    offers_pickup INTEGER NOT NULL CHECK (offers_pickup IN (0, 1)),
                    priority INTEGER NOT NULL CHECK (priority >= 0),
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK ((latitude IS NULL) = (longitude IS NULL))
                )
                """
            ]),
        Migration(
            "inventory.0002_policies_and_levels",
            [
                // One row per SKU Inventory has seen. `min_available` is derived from the rule (0 for
                // refuse, -limit, or NULL for unlimited) and copied onto each level, where a CHECK can see it.
                """
                CREATE TABLE inventory_sku_policies (
                    sku TEXT PRIMARY KEY,
                    when_out_of_stock TEXT NOT NULL CHECK (when_out_of_stock IN ('refuse', 'backorder', 'preorder')),
                    oversell_limit BIGINT CHECK (oversell_limit >= 0),
                    available_from BIGINT,
                    min_available BIGINT,
                    low_stock_threshold BIGINT,
                    updated_at BIGINT NOT NULL,
                    CHECK ((when_out_of_stock = 'preorder') = (available_from IS NOT NULL)),
                    CHECK (CASE WHEN when_out_of_stock = 'refuse'
                                THEN min_available IS NOT NULL AND min_available = 0 AND oversell_limit IS NULL
                                ELSE (oversell_limit IS NULL AND min_available IS NULL)
                                  OR (oversell_limit IS NOT NULL AND min_available IS NOT NULL
                                      AND min_available = -oversell_limit) END)
                )
                """,
                // The stock invariant lives here: available (on_hand - reserved) never falls below the
                // level's minimum, whatever code path or psql session writes the row.
                """
                CREATE TABLE inventory_stock_levels (
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL REFERENCES inventory_locations (id),
                    on_hand BIGINT NOT NULL,
                    reserved BIGINT NOT NULL CHECK (reserved >= 0),
                    min_available BIGINT CHECK (min_available <= 0),
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (sku, location_id),
                    CHECK (min_available IS NULL OR on_hand - reserved >= min_available)
                )
                """,
                "CREATE INDEX inventory_stock_levels_location ON inventory_stock_levels (location_id, sku)",
            ]),
        AppendOnly.migration(
            "inventory.0003_stock_movements",
            createTable: [
                """
                CREATE TABLE inventory_stock_movements (
                    id TEXT PRIMARY KEY,
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL REFERENCES inventory_locations (id),
                    reason TEXT NOT NULL,
                    quantity BIGINT NOT NULL,
                    on_hand_after BIGINT NOT NULL,
                    document_id TEXT NOT NULL,
                    reference TEXT,
                    note TEXT,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    CHECK ((reason IN ('receipt', 'return', 'transfer_in') AND quantity > 0)
                        OR (reason IN ('sale', 'transfer_out', 'write_off') AND quantity < 0)
                        OR (reason IN ('adjustment', 'count') AND quantity <> 0))
                )
                """,
                "CREATE INDEX inventory_stock_movements_level ON inventory_stock_movements (sku, location_id, id)",
                "CREATE INDEX inventory_stock_movements_document ON inventory_stock_movements (document_id)",
            ],
            table: "inventory_stock_movements"),
        Migration(
            "inventory.0004_reservations",
            [
                """
                CREATE TABLE inventory_reservations (
                    id TEXT PRIMARY KEY,
                    reference TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('held', 'committed', 'released', 'expired')),
                    routing TEXT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    closed_at BIGINT,
                    CHECK ((status = 'held') = (closed_at IS NULL))
                )
                """,
                // At most one live hold per cart or order: a retried checkout cannot hold stock twice.
                """
                CREATE UNIQUE INDEX inventory_reservations_one_hold ON inventory_reservations (reference)
                WHERE status = 'held'
                """,
                "CREATE INDEX inventory_reservations_due ON inventory_reservations (status, expires_at)",
                """
                CREATE TABLE inventory_reservation_lines (
                    reservation_id TEXT NOT NULL REFERENCES inventory_reservations (id),
                    line_no INTEGER NOT NULL CHECK (line_no >= 0),
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL REFERENCES inventory_locations (id),
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    backordered BIGINT NOT NULL CHECK (backordered >= 0 AND backordered <= quantity),
                    available_from BIGINT,
                    PRIMARY KEY (reservation_id, line_no, location_id)
                )
                """,
                "CREATE INDEX inventory_reservation_lines_level ON inventory_reservation_lines (sku, location_id)",
            ]),
        Migration(
            "inventory.0005_settings",
            [
                """
                CREATE TABLE inventory_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    routing TEXT NOT NULL CHECK (routing IN ('priority', 'store_first', 'single_shipment')),
                    updated_at BIGINT NOT NULL
                )
                """,
                "INSERT INTO inventory_settings (id, routing, updated_at) VALUES (1, 'priority', 0)",
            ]),
        Migration(
            "inventory.0006_valuation",
            [
                // One valuation per SKU across locations (a transfer changes no value). `currency` stays
                // NULL until the first receipt with a cost; `last_change` is scratch for the value of the
                // latest change, computed inside the UPDATE so concurrent issues never read a stale average.
                """
                CREATE TABLE inventory_valuations (
                    sku TEXT PRIMARY KEY,
                    currency TEXT,
                    quantity BIGINT NOT NULL,
                    value BIGINT NOT NULL,
                    unit_cost BIGINT NOT NULL CHECK (unit_cost >= 0),
                    last_change BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                INSERT INTO inventory_valuations (sku, currency, quantity, value, unit_cost, last_change, updated_at)
                SELECT sku, NULL, SUM(on_hand), 0, 0, 0, 0 FROM inventory_stock_levels GROUP BY sku
                """,
                "ALTER TABLE inventory_stock_movements ADD COLUMN value BIGINT",
                "ALTER TABLE inventory_stock_movements ADD COLUMN currency TEXT",
            ]),
        Migration(
            "inventory.0007_supplier_returns",
            sqlite: supplierReturnReason(on: .sqlite), postgres: supplierReturnReason(on: .postgres)),
    ]

    /// The reason-and-sign CHECK also allows `supplier_return` (−). SQLite cannot change a CHECK, so the
    /// append-only table is copied into a new one; PostgreSQL swaps the constraint.
    static func supplierReturnReason(on backend: Backend) -> [String] {
        let check = """
            CHECK ((reason IN ('receipt', 'return', 'transfer_in') AND quantity > 0)
                OR (reason IN ('sale', 'transfer_out', 'write_off', 'supplier_return') AND quantity < 0)
                OR (reason IN ('adjustment', 'count') AND quantity <> 0))
            """
        switch backend {
        case .postgres:
            return [
                """
                DO $$
                DECLARE name TEXT;
                BEGIN
                    SELECT conname INTO name FROM pg_constraint
                    WHERE conrelid = 'inventory_stock_movements'::regclass AND contype = 'c'
                      AND pg_get_constraintdef(oid) LIKE '%transfer_out%';
                    EXECUTE format('ALTER TABLE inventory_stock_movements DROP CONSTRAINT %I', name);
                END $$
                """,
                "ALTER TABLE inventory_stock_movements ADD CONSTRAINT inventory_stock_movements_reason_sign \(check)",
            ]
        case .sqlite:
            let columns = """
                id, sku, location_id, reason, quantity, on_hand_after, document_id, reference, note, actor_kind,
                actor_id, occurred_at, value, currency
                """
            return [
                """
                CREATE TABLE inventory_stock_movements_v2 (
                    id TEXT PRIMARY KEY,
                    sku TEXT NOT NULL,
                    location_id TEXT NOT NULL REFERENCES inventory_locations (id),
                    reason TEXT NOT NULL,
                    quantity BIGINT NOT NULL,
                    on_hand_after BIGINT NOT NULL,
                    document_id TEXT NOT NULL,
                    reference TEXT,
                    note TEXT,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    value BIGINT,
                    currency TEXT,
                    \(check)
                )
                """,
                "INSERT INTO inventory_stock_movements_v2 (\(columns)) SELECT \(columns) FROM inventory_stock_movements",
                "DROP TABLE inventory_stock_movements",
                "ALTER TABLE inventory_stock_movements_v2 RENAME TO inventory_stock_movements",
                "CREATE INDEX inventory_stock_movements_level ON inventory_stock_movements (sku, location_id, id)",
                "CREATE INDEX inventory_stock_movements_document ON inventory_stock_movements (document_id)",
            ] + AppendOnly.guardStatements(for: "inventory_stock_movements", on: .sqlite)
        }
    }
}
