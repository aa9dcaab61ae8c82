public import Persistence

/// Purchasing's tables. Append-only: add a migration, never edit one.
///
/// Money is BIGINT minor units with the currency beside it; quantities are BIGINT; flags INTEGER 0/1.
/// SKUs and stock locations are other modules' strings, with no foreign key across modules. Receipts,
/// returns, bill lines and bill payments are append-only (triggers): history is corrected by new
/// documents, never edited.
public enum PurchasingMigrations {
    public static let all: [Migration] = [
        Migration(
            "purchasing.0001_suppliers",
            [
                // `name_key` is the trimmed, lower-cased name: names are unique regardless of case.
                """
                CREATE TABLE purchasing_suppliers (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    name_key TEXT NOT NULL UNIQUE,
                    email TEXT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE purchasing_supplier_prices (
                    supplier_id TEXT NOT NULL REFERENCES purchasing_suppliers (id),
                    sku TEXT NOT NULL,
                    unit_cost BIGINT NOT NULL CHECK (unit_cost >= 0),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    minimum_order_quantity BIGINT NOT NULL CHECK (minimum_order_quantity >= 1),
                    lead_time_days INTEGER NOT NULL CHECK (lead_time_days BETWEEN 0 AND 365),
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (supplier_id, sku)
                )
                """,
                "CREATE INDEX purchasing_supplier_prices_sku ON purchasing_supplier_prices (sku, unit_cost)",
            ]),
        Migration(
            "purchasing.0002_orders",
            [
                """
                CREATE TABLE purchasing_series (
                    name TEXT PRIMARY KEY,
                    prefix TEXT NOT NULL,
                    next_value BIGINT NOT NULL CHECK (next_value > 0)
                )
                """,
                "INSERT INTO purchasing_series (name, prefix, next_value) VALUES ('purchase_order', 'PO-', 1)",
                """
                CREATE TABLE purchasing_orders (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    supplier_id TEXT NOT NULL REFERENCES purchasing_suppliers (id),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    destination_location_id TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'partially_received', 'received',
                                                           'billed', 'closed', 'cancelled')),
                    expected_override BIGINT,
                    expected_at BIGINT,
                    note TEXT,
                    sent_at BIGINT,
                    received_at BIGINT,
                    billed_at BIGINT,
                    closed_at BIGINT,
                    close_reason TEXT,
                    cancelled_at BIGINT,
                    cancel_reason TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX purchasing_orders_supplier ON purchasing_orders (supplier_id, id)",
                "CREATE INDEX purchasing_orders_status ON purchasing_orders (status, id)",
                // One line per SKU per order, so a receipt may name the line by SKU. Received never
                // exceeds ordered (over-deliveries are refused), returned never exceeds received.
                """
                CREATE TABLE purchasing_order_lines (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES purchasing_orders (id),
                    position INTEGER NOT NULL,
                    sku TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity >= 1),
                    unit_cost BIGINT NOT NULL CHECK (unit_cost >= 0),
                    lead_time_days INTEGER NOT NULL CHECK (lead_time_days >= 0),
                    received_quantity BIGINT NOT NULL DEFAULT 0,
                    returned_quantity BIGINT NOT NULL DEFAULT 0,
                    billed_quantity BIGINT NOT NULL DEFAULT 0,
                    UNIQUE (order_id, sku),
                    UNIQUE (order_id, position),
                    CHECK (received_quantity >= 0 AND received_quantity <= quantity),
                    CHECK (returned_quantity >= 0 AND returned_quantity <= received_quantity),
                    CHECK (billed_quantity >= 0)
                )
                """,
                "CREATE INDEX purchasing_order_lines_sku ON purchasing_order_lines (sku)",
            ]),
        AppendOnly.migration(
            "purchasing.0003_receipts",
            createTable: [
                """
                CREATE TABLE purchasing_receipts (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES purchasing_orders (id),
                    location_id TEXT NOT NULL,
                    received_at BIGINT NOT NULL,
                    note TEXT,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    recorded_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX purchasing_receipts_order ON purchasing_receipts (order_id, id)",
            ], table: "purchasing_receipts"),
        AppendOnly.migration(
            "purchasing.0004_receipt_lines",
            createTable: [
                """
                CREATE TABLE purchasing_receipt_lines (
                    receipt_id TEXT NOT NULL REFERENCES purchasing_receipts (id),
                    position INTEGER NOT NULL,
                    order_line_id TEXT NOT NULL REFERENCES purchasing_order_lines (id),
                    sku TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    unit_cost BIGINT NOT NULL CHECK (unit_cost >= 0),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    location_id TEXT NOT NULL,
                    PRIMARY KEY (receipt_id, position)
                )
                """,
                "CREATE INDEX purchasing_receipt_lines_order_line ON purchasing_receipt_lines (order_line_id)",
            ], table: "purchasing_receipt_lines"),
        AppendOnly.migration(
            "purchasing.0005_returns",
            createTable: [
                """
                CREATE TABLE purchasing_returns (
                    id TEXT PRIMARY KEY,
                    order_id TEXT NOT NULL REFERENCES purchasing_orders (id),
                    receipt_id TEXT NOT NULL REFERENCES purchasing_receipts (id),
                    location_id TEXT NOT NULL,
                    returned_at BIGINT NOT NULL,
                    note TEXT,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    recorded_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX purchasing_returns_receipt ON purchasing_returns (receipt_id)",
                "CREATE INDEX purchasing_returns_order ON purchasing_returns (order_id, id)",
            ], table: "purchasing_returns"),
        AppendOnly.migration(
            "purchasing.0006_return_lines",
            createTable: [
                """
                CREATE TABLE purchasing_return_lines (
                    return_id TEXT NOT NULL REFERENCES purchasing_returns (id),
                    position INTEGER NOT NULL,
                    order_line_id TEXT NOT NULL REFERENCES purchasing_order_lines (id),
                    sku TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    unit_cost BIGINT NOT NULL CHECK (unit_cost >= 0),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    reason TEXT NOT NULL CHECK (reason IN ('damaged', 'defective', 'wrong_item', 'surplus', 'other')),
                    PRIMARY KEY (return_id, position)
                )
                """
            ], table: "purchasing_return_lines"),
        Migration(
            "purchasing.0007_bills",
            [
                // `invoice_key` is the supplier's invoice number trimmed and lower-cased: one bill per
                // supplier invoice. Paid stays within the total and only approved bills are paid.
                """
                CREATE TABLE purchasing_bills (
                    id TEXT PRIMARY KEY,
                    supplier_id TEXT NOT NULL REFERENCES purchasing_suppliers (id),
                    invoice_number TEXT NOT NULL,
                    invoice_key TEXT NOT NULL,
                    bill_date BIGINT NOT NULL,
                    due_date BIGINT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    net BIGINT NOT NULL CHECK (net >= 0),
                    tax BIGINT NOT NULL CHECK (tax >= 0),
                    tax_rate INTEGER CHECK (tax_rate BETWEEN 0 AND 10000),
                    total BIGINT NOT NULL,
                    paid BIGINT NOT NULL DEFAULT 0,
                    approval TEXT NOT NULL CHECK (approval IN ('on_hold', 'approved', 'rejected')),
                    discrepancies TEXT NOT NULL,
                    decision_reason TEXT,
                    decided_at BIGINT,
                    decided_by TEXT,
                    recorded_at BIGINT NOT NULL,
                    UNIQUE (supplier_id, invoice_key),
                    CHECK (total = net + tax),
                    CHECK (paid >= 0 AND paid <= total),
                    CHECK (approval = 'approved' OR paid = 0),
                    CHECK (due_date >= bill_date)
                )
                """,
                "CREATE INDEX purchasing_bills_open ON purchasing_bills (due_date) WHERE paid < total",
            ]),
        AppendOnly.migration(
            "purchasing.0008_bill_lines",
            createTable: [
                // `order_line_id` has no foreign key: a bill may name a line the shop does not know, and
                // the match reports it rather than refusing to record the supplier's invoice.
                """
                CREATE TABLE purchasing_bill_lines (
                    bill_id TEXT NOT NULL REFERENCES purchasing_bills (id),
                    position INTEGER NOT NULL,
                    order_line_id TEXT NOT NULL,
                    order_id TEXT,
                    sku TEXT,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
                    net BIGINT NOT NULL CHECK (net >= 0),
                    PRIMARY KEY (bill_id, position)
                )
                """,
                "CREATE INDEX purchasing_bill_lines_order_line ON purchasing_bill_lines (order_line_id)",
            ], table: "purchasing_bill_lines"),
        AppendOnly.migration(
            "purchasing.0009_bill_payments",
            createTable: [
                """
                CREATE TABLE purchasing_bill_payments (
                    id TEXT PRIMARY KEY,
                    bill_id TEXT NOT NULL REFERENCES purchasing_bills (id),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    paid_at BIGINT NOT NULL,
                    reference TEXT NOT NULL,
                    recorded_at BIGINT NOT NULL,
                    UNIQUE (bill_id, reference)
                )
                """
            ], table: "purchasing_bill_payments"),
    ]
}
