public import Persistence

/// The ledger's tables. Entries and their lines are append-only in the database itself: a correction
/// is a reversing entry, never an edit.
public enum LedgerMigrations {
    public static let all: [Migration] = [
        Migration(
            "ledger.0001_accounts",
            [
                """
                CREATE TABLE ledger_accounts (
                    code TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense')),
                    created_at BIGINT NOT NULL
                )
                """
            ]
                + DefaultChart.accounts.map { account in
                    "INSERT INTO ledger_accounts (code, name, type, created_at) VALUES "
                        + "('\(account.code)', '\(account.name)', '\(account.type.rawValue)', 0)"
                }),
        AppendOnly.migration(
            "ledger.0002_entries",
            createTable: [
                """
                CREATE TABLE ledger_entries (
                    id TEXT PRIMARY KEY,
                    source_key TEXT NOT NULL UNIQUE,
                    posting_date BIGINT NOT NULL,
                    description TEXT NOT NULL,
                    reverses_entry_id TEXT UNIQUE REFERENCES ledger_entries (id),
                    posted_at BIGINT NOT NULL
                )
                """
            ], table: "ledger_entries"),
        AppendOnly.migration(
            "ledger.0003_lines",
            createTable: [
                """
                CREATE TABLE ledger_lines (
                    entry_id TEXT NOT NULL REFERENCES ledger_entries (id),
                    line_no INTEGER NOT NULL CHECK (line_no >= 0),
                    account_code TEXT NOT NULL REFERENCES ledger_accounts (code),
                    currency TEXT NOT NULL,
                    amount BIGINT NOT NULL CHECK (amount <> 0),
                    memo TEXT,
                    PRIMARY KEY (entry_id, line_no)
                )
                """,
                "CREATE INDEX ledger_lines_account ON ledger_lines (account_code, currency)",
            ], table: "ledger_lines"),
        Migration(
            "ledger.0004_periods",
            [
                """
                CREATE TABLE ledger_periods (
                    period TEXT PRIMARY KEY,
                    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
                    changed_at BIGINT NOT NULL
                )
                """
            ]),
        Migration(
            "ledger.0005_reporting_columns",
            sqlite: reportingColumns(on: .sqlite), postgres: reportingColumns(on: .postgres)),
        Migration(
            "ledger.0006_budgets",
            [
                """
                CREATE TABLE ledger_budgets (
                    account_code TEXT NOT NULL REFERENCES ledger_accounts (code),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    period TEXT NOT NULL,
                    amount BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (account_code, currency, period)
                )
                """
            ]),
        Migration(
            "ledger.0007_period_totals",
            [
                // What each closed month moved per account, written as it closes (nothing posts into a
                // closed month, so the sums stay true) and dropped when it reopens: a trial balance's
                // opening balance adds these up instead of every line before its start. `totals_at`
                // says a month's totals are there (months closed before this migration have none and
                // are summed from their lines until closed again).
                """
                CREATE TABLE ledger_period_totals (
                    period TEXT NOT NULL REFERENCES ledger_periods (period),
                    currency TEXT NOT NULL,
                    account_code TEXT NOT NULL,
                    net BIGINT NOT NULL,
                    PRIMARY KEY (period, currency, account_code)
                )
                """,
                "ALTER TABLE ledger_periods ADD COLUMN totals_at BIGINT",
            ]),
        Migration(
            "ledger.0008_period_debits_credits",
            [
                // A closed month's debits and credits too, so a trial balance over closed months reads
                // their totals. Totals stored before lack them: they go, and come back when the month
                // is next closed (until then its lines are summed).
                "ALTER TABLE ledger_period_totals ADD COLUMN debits BIGINT NOT NULL DEFAULT 0",
                "DELETE FROM ledger_period_totals",
                "UPDATE ledger_periods SET totals_at = NULL",
            ]),
        Migration(
            "ledger.0009_promotion_accounts",
            // A shop may have made these codes its own already: then its account stays as it is.
            DefaultChart.promotionAccounts.map { account in
                "INSERT INTO ledger_accounts (code, name, type, cash, created_at) VALUES "
                    + "('\(account.code)', '\(account.name)', '\(account.type.rawValue)', 0, 0) "
                    + "ON CONFLICT (code) DO NOTHING"
            }),
        Migration(
            "ledger.0010_group_deal_accounts",
            // As in 0009: a code the shop has made its own already keeps its account.
            DefaultChart.groupDealAccounts.map { account in
                "INSERT INTO ledger_accounts (code, name, type, cash, created_at) VALUES "
                    + "('\(account.code)', '\(account.name)', '\(account.type.rawValue)', 0, 0) "
                    + "ON CONFLICT (code) DO NOTHING"
            }),
    ]

    /// Reports need a line's date without a join (P&L over a million lines), the VAT rate a line
    /// belongs to, the document behind an entry, and which accounts are cash. Lines are append-only,
    /// so their guard comes off only for the one back-fill and goes straight back on.
    static func reportingColumns(on backend: Backend) -> [String] {
        let dropGuards =
            switch backend {
            case .sqlite: ["DROP TRIGGER ledger_lines_no_update", "DROP TRIGGER ledger_lines_no_delete"]
            case .postgres:
                [
                    "DROP TRIGGER ledger_lines_append_only ON ledger_lines",
                    "DROP TRIGGER ledger_lines_no_truncate ON ledger_lines",
                ]
            }
        return [
            "ALTER TABLE ledger_accounts ADD COLUMN cash INTEGER NOT NULL DEFAULT 0",
            "UPDATE ledger_accounts SET cash = 1 WHERE code IN ('\(DefaultChart.bank)', '\(DefaultChart.paymentClearing)')",
            "ALTER TABLE ledger_entries ADD COLUMN document_type TEXT",
            "ALTER TABLE ledger_entries ADD COLUMN document_id TEXT",
            "CREATE INDEX ledger_entries_document ON ledger_entries (document_type, document_id)",
            "ALTER TABLE ledger_lines ADD COLUMN posting_date BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE ledger_lines ADD COLUMN vat_rate INTEGER",
        ] + dropGuards + [
            """
            UPDATE ledger_lines SET posting_date =
                (SELECT e.posting_date FROM ledger_entries e WHERE e.id = ledger_lines.entry_id)
            """
        ] + AppendOnly.guardStatements(for: "ledger_lines", on: backend) + [
            // Covering index for every balance and report: per currency and account, by date, with the
            // amount, so a report is one ordered index scan (measured: within 2x of a bare SUM).
            "CREATE INDEX ledger_lines_balances ON ledger_lines (currency, account_code, posting_date, amount)"
        ]
            + DefaultChart.purchasingAccounts.map { account in
                "INSERT INTO ledger_accounts (code, name, type, cash, created_at) VALUES "
                    + "('\(account.code)', '\(account.name)', '\(account.type.rawValue)', 0, 0)"
            }
    }
}
