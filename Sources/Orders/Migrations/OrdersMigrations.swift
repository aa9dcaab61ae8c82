public import Persistence

/// Orders' tables. Append-only: add a migration, never edit one.
///
/// Money is BIGINT minor units in the order's currency; quantities are BIGINT; flags INTEGER 0/1.
/// Variants, products, customers, locations and payments are other modules' IDs, stored as text with
/// no foreign key across modules.
public enum OrdersMigrations {
    public static let all: [Migration] = [
        Migration(
            "orders.0001_orders",
            [
                // One row per sequence (`order`, `return`): numbers come from a guarded UPDATE … RETURNING,
                // which serialises concurrent checkouts on the row lock, so a number is never handed out twice.
                """
                CREATE TABLE order_counters (
                    name TEXT PRIMARY KEY,
                    next_value BIGINT NOT NULL CHECK (next_value > 0)
                )
                """,
                "INSERT INTO order_counters (name, next_value) VALUES ('order', 100001), ('return', 100001)",
                """
                CREATE TABLE orders (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    checkout_key TEXT NOT NULL UNIQUE,
                    draft_digest TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('awaiting_approval', 'placed', 'paid', 'partially_fulfilled',
                        'fulfilled', 'delivered', 'cancelled', 'partially_returned', 'returned')),
                    cart_id TEXT,
                    customer_id TEXT,
                    company_id TEXT,
                    email TEXT NOT NULL,
                    search TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    shipping_address TEXT,
                    billing_address TEXT,
                    delivery TEXT NOT NULL,
                    subtotal BIGINT NOT NULL,
                    discount_total BIGINT NOT NULL,
                    shipping_total BIGINT NOT NULL,
                    tax_total BIGINT NOT NULL,
                    grand_total BIGINT NOT NULL CHECK (grand_total >= 0),
                    refunded_total BIGINT NOT NULL CHECK (refunded_total >= 0 AND refunded_total <= grand_total),
                    stock_reservation_id TEXT,
                    payment_method TEXT NOT NULL,
                    payment_id TEXT,
                    exchange_for_return_id TEXT,
                    placed_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    cancelled_at BIGINT,
                    cancellation_reason TEXT,
                    CHECK ((status = 'cancelled') = (cancelled_at IS NOT NULL))
                )
                """,
                "CREATE INDEX orders_customer ON orders (customer_id, id)",
                "CREATE INDEX orders_status ON orders (status, id)",
                "CREATE INDEX orders_placed ON orders (placed_at)",
                // The fulfilment and return invariants live here: fulfilled + cancelled never exceed the
                // ordered quantity, only shipped units are returned, each at most once.
                """
                CREATE TABLE order_lines (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    position INTEGER NOT NULL CHECK (position >= 0),
                    variant_id TEXT NOT NULL,
                    product_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    product_title TEXT NOT NULL,
                    variant_title TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    unit_price BIGINT NOT NULL,
                    subtotal BIGINT NOT NULL,
                    discount BIGINT NOT NULL,
                    adjustments TEXT NOT NULL,
                    tax_rate INTEGER NOT NULL,
                    tax BIGINT NOT NULL,
                    total BIGINT NOT NULL,
                    fulfilled_quantity BIGINT NOT NULL CHECK (fulfilled_quantity >= 0),
                    cancelled_quantity BIGINT NOT NULL CHECK (cancelled_quantity >= 0),
                    shipped_quantity BIGINT NOT NULL CHECK (shipped_quantity >= 0),
                    return_requested_quantity BIGINT NOT NULL CHECK (return_requested_quantity >= 0),
                    return_approved_quantity BIGINT NOT NULL CHECK (return_approved_quantity >= 0),
                    returned_quantity BIGINT NOT NULL CHECK (returned_quantity >= 0),
                    UNIQUE (order_id, position),
                    CHECK (fulfilled_quantity + cancelled_quantity <= quantity),
                    CHECK (shipped_quantity <= fulfilled_quantity),
                    CHECK (return_requested_quantity <= shipped_quantity),
                    CHECK (return_approved_quantity <= return_requested_quantity),
                    CHECK (returned_quantity <= return_approved_quantity)
                )
                """,
                "CREATE INDEX order_lines_order ON order_lines (order_id, position)",
            ]),
        AppendOnly.migration(
            "orders.0002_order_events",
            createTable: [
                """
                CREATE TABLE order_events (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    kind TEXT NOT NULL,
                    message TEXT,
                    visible_to_customer INTEGER NOT NULL CHECK (visible_to_customer IN (0, 1)),
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    request_id TEXT,
                    occurred_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX order_events_order ON order_events (order_id, id)",
            ],
            table: "order_events"),
        Migration(
            "orders.0003_fulfilments",
            [
                """
                CREATE TABLE order_fulfilments (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    kind TEXT NOT NULL CHECK (kind IN ('shipping', 'pickup')),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'picked', 'packed', 'shipped', 'delivered',
                        'ready_for_pickup', 'collected', 'cancelled')),
                    location_id TEXT,
                    carrier TEXT,
                    tracking_number TEXT,
                    pickup_code_hash TEXT,
                    pickup_code_salt TEXT,
                    pickup_attempts INTEGER NOT NULL CHECK (pickup_attempts >= 0),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK (kind = 'pickup' OR status NOT IN ('ready_for_pickup', 'collected')),
                    CHECK (kind = 'shipping' OR status NOT IN ('shipped', 'delivered')),
                    CHECK (status NOT IN ('shipped', 'delivered') OR (carrier IS NOT NULL AND tracking_number IS NOT NULL)),
                    CHECK (status <> 'ready_for_pickup' OR pickup_code_hash IS NOT NULL)
                )
                """,
                "CREATE INDEX order_fulfilments_order ON order_fulfilments (order_id, id)",
                """
                CREATE TABLE order_fulfilment_lines (
                    fulfilment_id TEXT NOT NULL REFERENCES order_fulfilments (id),
                    line_id TEXT NOT NULL REFERENCES order_lines (id),
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    PRIMARY KEY (fulfilment_id, line_id)
                )
                """,
            ]),
        Migration(
            "orders.0004_returns",
            [
                """
                CREATE TABLE order_returns (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    status TEXT NOT NULL CHECK (status IN ('requested', 'approved', 'rejected', 'received', 'inspected',
                        'refunded')),
                    requested_by_kind TEXT NOT NULL,
                    requested_by_id TEXT NOT NULL,
                    rejection_reason TEXT,
                    exchange_order_id TEXT UNIQUE,
                    refunded_amount BIGINT CHECK (refunded_amount > 0),
                    shipping_refunded BIGINT NOT NULL CHECK (shipping_refunded >= 0),
                    payment_refund_id TEXT UNIQUE,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK ((status = 'refunded') = (refunded_amount IS NOT NULL AND payment_refund_id IS NOT NULL)),
                    CHECK ((status = 'rejected') = (rejection_reason IS NOT NULL))
                )
                """,
                "CREATE INDEX order_returns_order ON order_returns (order_id, id)",
                """
                CREATE TABLE order_return_lines (
                    return_id TEXT NOT NULL REFERENCES order_returns (id),
                    line_id TEXT NOT NULL REFERENCES order_lines (id),
                    position INTEGER NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    reason TEXT NOT NULL,
                    unit_offset BIGINT CHECK (unit_offset >= 0),
                    refund BIGINT CHECK (refund >= 0),
                    outcome TEXT CHECK (outcome IN ('restock', 'write_off')),
                    PRIMARY KEY (return_id, line_id),
                    CHECK ((unit_offset IS NULL) = (refund IS NULL))
                )
                """,
            ]),
        Migration(
            "orders.0005_after_sale",
            [
                // The part of a return's value that paid for its exchange order instead of going back to the
                // buyer; set once, with the exchange.
                """
                ALTER TABLE order_returns
                ADD COLUMN exchange_credit BIGINT NOT NULL DEFAULT 0 CHECK (exchange_credit >= 0)
                """,
                // Refunds of an order's payment outside a return (a cancellation, goodwill): one row per payment
                // refund, so counting one in the order's refunded total twice is impossible.
                """
                CREATE TABLE order_refunds (
                    payment_refund_id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    created_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX order_refunds_order ON order_refunds (order_id)",
            ]),
        Migration(
            "orders.0006_gift_cards",
            [
                // What gift cards and store credit paid at checkout; the order's payment covers the rest.
                """
                ALTER TABLE orders
                ADD COLUMN gift_card_total BIGINT NOT NULL DEFAULT 0 CHECK (gift_card_total >= 0)
                """
            ]),
        // Marketplace orders: a line may be sold by a seller, and each seller's part is a sub-order with
        // the amounts fixed at checkout. `status` moves by guarded updates, so a sub-order is delivered
        // (and its sale credited) once, and cancelled (and its stock given back) once.
        Migration(
            "orders.0007_sub_orders",
            [
                "ALTER TABLE order_lines ADD COLUMN seller_id TEXT",
                "ALTER TABLE order_lines ADD COLUMN seller_offer_id TEXT",
                """
                CREATE TABLE order_sub_orders (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES orders (id),
                    number TEXT NOT NULL UNIQUE,
                    seller_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'shipped', 'delivered', 'cancelled')),
                    line_ids TEXT NOT NULL,
                    currency TEXT NOT NULL,
                    goods BIGINT NOT NULL CHECK (goods >= 0),
                    shipping BIGINT NOT NULL CHECK (shipping >= 0),
                    fee BIGINT NOT NULL CHECK (fee >= 0),
                    seller_net BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    delivered_at BIGINT,
                    UNIQUE (order_id, seller_id),
                    CHECK (seller_net = goods + shipping - fee)
                )
                """,
                "CREATE INDEX order_sub_orders_seller ON order_sub_orders (seller_id, id)",
            ]),
        // When each sub-order was handed to the carrier, for the seller scorecard's on-time shipment rate.
        Migration(
            "orders.0008_sub_order_shipped_at",
            [
                "ALTER TABLE order_sub_orders ADD COLUMN shipped_at BIGINT",
                "CREATE INDEX order_sub_orders_seller_placed ON order_sub_orders (seller_id, created_at)",
            ]),
    ]
}
