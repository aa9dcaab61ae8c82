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
    ]
}
