public import Persistence

/// Invoices, their lines (append-only: an issued invoice never changes) and the payments against them.
public enum InvoicingMigrations {
    public static let all: [Migration] = [
        Migration(
            "invoicing.0001_invoices",
            [
                """
                CREATE TABLE invoice_series (
                    name TEXT PRIMARY KEY,
                    prefix TEXT NOT NULL,
                    next_value BIGINT NOT NULL CHECK (next_value > 0)
                )
                """,
                "INSERT INTO invoice_series (name, prefix, next_value) VALUES ('invoice', 'INV-', 1)",
                """
                CREATE TABLE invoices (
                    id TEXT PRIMARY KEY,
                    number TEXT NOT NULL UNIQUE,
                    order_id TEXT UNIQUE,
                    customer_id TEXT,
                    company_id TEXT,
                    bill_to TEXT NOT NULL,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    total BIGINT NOT NULL CHECK (total >= 0),
                    paid BIGINT NOT NULL DEFAULT 0,
                    issued_at BIGINT NOT NULL,
                    due_at BIGINT NOT NULL,
                    CHECK (paid >= 0 AND paid <= total)
                )
                """,
                "CREATE INDEX invoices_company ON invoices (company_id, due_at)",
                "CREATE INDEX invoices_open ON invoices (due_at) WHERE paid < total",
            ]),
        AppendOnly.migration(
            "invoicing.0002_invoice_lines",
            createTable: [
                """
                CREATE TABLE invoice_lines (
                    invoice_id TEXT NOT NULL REFERENCES invoices (id),
                    line_no INTEGER NOT NULL,
                    description TEXT NOT NULL,
                    sku TEXT,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    net BIGINT NOT NULL,
                    vat_rate INTEGER NOT NULL CHECK (vat_rate >= 0),
                    vat BIGINT NOT NULL,
                    PRIMARY KEY (invoice_id, line_no)
                )
                """
            ], table: "invoice_lines"),
        AppendOnly.migration(
            "invoicing.0003_invoice_payments",
            createTable: [
                """
                CREATE TABLE invoice_payments (
                    id TEXT PRIMARY KEY,
                    invoice_id TEXT NOT NULL REFERENCES invoices (id),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    received_at BIGINT NOT NULL,
                    reference TEXT NOT NULL,
                    UNIQUE (invoice_id, reference)
                )
                """
            ], table: "invoice_payments"),
        Migration(
            "invoicing.0004_credit_notes",
            sqlite: creditNotes(on: .sqlite), postgres: creditNotes(on: .postgres)),
        Migration(
            "invoicing.0005_reminders",
            [
                // The highest reminder level announced, so each level is announced once.
                "ALTER TABLE invoices ADD COLUMN reminder_level INTEGER NOT NULL DEFAULT 0"
            ]),
    ]

    /// Credit notes from their own series; an invoice remembers how much of it was credited, so what is
    /// open is `total - paid - credited` (negative when a paid invoice was credited: the customer is in
    /// credit).
    static func creditNotes(on backend: Backend) -> [String] {
        [
            "INSERT INTO invoice_series (name, prefix, next_value) VALUES ('credit_note', 'CN-', 1)",
            "ALTER TABLE invoices ADD COLUMN credited BIGINT NOT NULL DEFAULT 0",
            "DROP INDEX invoices_open",
            "CREATE INDEX invoices_open ON invoices (due_at) WHERE paid + credited < total",
            """
            CREATE TABLE credit_notes (
                id TEXT PRIMARY KEY,
                number TEXT NOT NULL UNIQUE,
                invoice_id TEXT NOT NULL REFERENCES invoices (id),
                source_key TEXT NOT NULL UNIQUE,
                reason TEXT NOT NULL,
                total BIGINT NOT NULL CHECK (total > 0),
                lines TEXT NOT NULL,
                issued_at BIGINT NOT NULL
            )
            """,
            "CREATE INDEX credit_notes_invoice ON credit_notes (invoice_id)",
        ] + AppendOnly.guardStatements(for: "credit_notes", on: backend)
    }
}
