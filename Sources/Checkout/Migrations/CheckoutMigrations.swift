public import Persistence

/// Checkout's tables. Append-only: add a migration, never edit one.
///
/// Flags are INTEGER 0/1, money and quantities BIGINT, times BIGINT microseconds. Variant, customer and
/// location IDs are other modules' strings, with no foreign keys across modules.
public enum CheckoutMigrations {
    public static let all: [Migration] = [
        Migration(
            "checkout.0001_carts",
            [
                // A cart leaves `open` once; the CHECKs tie each closed state to the fact that explains it.
                """
                CREATE TABLE checkout_carts (
                    id TEXT PRIMARY KEY,
                    channel TEXT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    customer_id TEXT,
                    guest_token_hash TEXT,
                    status TEXT NOT NULL CHECK (status IN ('open', 'checked_out', 'merged', 'abandoned')),
                    email TEXT,
                    phone TEXT,
                    shipping_address TEXT,
                    billing_address TEXT,
                    delivery_kind TEXT CHECK (delivery_kind IN ('shipping', 'pickup')),
                    delivery_ref TEXT,
                    order_reference TEXT,
                    merged_into TEXT REFERENCES checkout_carts (id),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    closed_at BIGINT,
                    CHECK ((delivery_kind IS NULL) = (delivery_ref IS NULL)),
                    CHECK ((status = 'checked_out') = (order_reference IS NOT NULL)),
                    CHECK ((status = 'merged') = (merged_into IS NOT NULL)),
                    CHECK ((status = 'open') = (closed_at IS NULL)),
                    CHECK (customer_id IS NOT NULL OR guest_token_hash IS NOT NULL)
                )
                """,
                // One open cart per customer and channel: concurrent "get or create" calls converge on it.
                """
                CREATE UNIQUE INDEX checkout_carts_one_open ON checkout_carts (customer_id, channel)
                WHERE status = 'open' AND customer_id IS NOT NULL
                """,
                "CREATE INDEX checkout_carts_idle ON checkout_carts (status, updated_at)",
                """
                CREATE TABLE checkout_cart_lines (
                    id TEXT PRIMARY KEY,
                    cart_id TEXT NOT NULL REFERENCES checkout_carts (id),
                    variant_id TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity >= 1),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (cart_id, variant_id)
                )
                """,
            ]),
        Migration(
            "checkout.0002_shipping",
            [
                """
                CREATE TABLE checkout_shipping_zones (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                // The primary key on the country alone: a destination has exactly one zone.
                """
                CREATE TABLE checkout_shipping_zone_countries (
                    country TEXT PRIMARY KEY CHECK (length(country) = 2),
                    zone_id TEXT NOT NULL REFERENCES checkout_shipping_zones (id)
                )
                """,
                "CREATE INDEX checkout_shipping_zone_countries_zone ON checkout_shipping_zone_countries (zone_id)",
                // The rate bands are one JSON value: a table is always replaced whole, never edited band by band.
                """
                CREATE TABLE checkout_shipping_methods (
                    id TEXT PRIMARY KEY,
                    zone_id TEXT NOT NULL REFERENCES checkout_shipping_zones (id),
                    name TEXT NOT NULL,
                    carrier TEXT,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    basis TEXT NOT NULL CHECK (basis IN ('weight', 'subtotal')),
                    bands TEXT NOT NULL,
                    free_over BIGINT CHECK (free_over >= 0),
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    min_days INTEGER CHECK (min_days >= 0),
                    max_days INTEGER,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK ((min_days IS NULL) = (max_days IS NULL)),
                    CHECK (max_days >= min_days)
                )
                """,
                "CREATE INDEX checkout_shipping_methods_zone ON checkout_shipping_methods (zone_id)",
            ]),
        Migration(
            "checkout.0003_tax",
            [
                """
                CREATE TABLE checkout_tax_rates (
                    country TEXT NOT NULL CHECK (length(country) = 2),
                    tax_class TEXT NOT NULL,
                    basis_points BIGINT NOT NULL CHECK (basis_points >= 0 AND basis_points <= 10000),
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (country, tax_class)
                )
                """,
                // A single row: the settings are shop-wide.
                """
                CREATE TABLE checkout_tax_settings (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    prices_include_tax INTEGER NOT NULL CHECK (prices_include_tax IN (0, 1)),
                    shipping_tax_class TEXT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
            ]),
        Migration(
            "checkout.0004_coupons",
            ["ALTER TABLE checkout_carts ADD COLUMN coupon_codes TEXT NOT NULL DEFAULT '[]'"]),
        // A line may name a marketplace seller's offer; the same variant from the shop and from two sellers
        // are three lines. The empty string is the shop's own offer, so the unique key stays one plain
        // constraint (a NULL would never conflict). SQLite cannot change a table's constraints: rebuilt.
        Migration(
            "checkout.0005_seller_offer_lines",
            [
                """
                CREATE TABLE checkout_cart_lines_new (
                    id TEXT PRIMARY KEY,
                    cart_id TEXT NOT NULL REFERENCES checkout_carts (id),
                    variant_id TEXT NOT NULL,
                    offer_id TEXT NOT NULL DEFAULT '',
                    quantity BIGINT NOT NULL CHECK (quantity >= 1),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (cart_id, variant_id, offer_id)
                )
                """,
                """
                INSERT INTO checkout_cart_lines_new (id, cart_id, variant_id, offer_id, quantity, created_at, updated_at)
                SELECT id, cart_id, variant_id, '', quantity, created_at, updated_at FROM checkout_cart_lines
                """,
                "DROP TABLE checkout_cart_lines",
                "ALTER TABLE checkout_cart_lines_new RENAME TO checkout_cart_lines",
            ]),
    ]
}
