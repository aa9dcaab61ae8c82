public import Persistence

extension SellersMigrations {
    /// A seller's money: the append-only account, a lock row per seller and currency, and payout runs.
    ///
    /// `seller_movements` refuses UPDATE and DELETE in the database, so a balance can always be explained
    /// line by line; a mistake is corrected by a new `adjustment`, never by an edit. `seller_accounts` is the
    /// row a payout locks (`FOR UPDATE` on PostgreSQL) before it recomputes what is available, so two runs
    /// at once never pay the same money twice. One payout per seller and run (`UNIQUE (run_id, seller_id)`)
    /// makes a resumed run skip the sellers it already handled.
    static let balances = AppendOnly.migration(
        "sellers.0004_balances",
        createTable: [
            """
            CREATE TABLE seller_accounts (
                seller_id TEXT NOT NULL REFERENCES sellers (id),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                opened_at BIGINT NOT NULL,
                PRIMARY KEY (seller_id, currency)
            )
            """,
            "CREATE INDEX seller_accounts_currency ON seller_accounts (currency, seller_id)",
            """
            CREATE TABLE seller_payout_runs (
                id TEXT PRIMARY KEY,
                run_key TEXT NOT NULL UNIQUE,
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                minimum BIGINT NOT NULL CHECK (minimum >= 0),
                status TEXT NOT NULL CHECK (status IN ('running', 'finished')),
                -- The last seller whose batch is done: a resumed run starts after it.
                resume_after TEXT NOT NULL,
                carried_count INTEGER NOT NULL CHECK (carried_count >= 0),
                paid_count INTEGER NOT NULL CHECK (paid_count >= 0),
                paid_total BIGINT NOT NULL CHECK (paid_total >= 0),
                held_count INTEGER NOT NULL CHECK (held_count >= 0),
                held_total BIGINT NOT NULL CHECK (held_total >= 0),
                actor_kind TEXT NOT NULL,
                actor_id TEXT NOT NULL,
                started_at BIGINT NOT NULL,
                finished_at BIGINT
            )
            """,
            "CREATE INDEX seller_payout_runs_started ON seller_payout_runs (started_at, id)",
            """
            CREATE TABLE seller_payouts (
                id TEXT PRIMARY KEY,
                run_id TEXT NOT NULL REFERENCES seller_payout_runs (id),
                seller_id TEXT NOT NULL REFERENCES sellers (id),
                amount BIGINT NOT NULL CHECK (amount > 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                iban TEXT,
                holder TEXT,
                status TEXT NOT NULL CHECK (status IN ('scheduled', 'paid', 'failed', 'held')),
                reason TEXT,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL,
                UNIQUE (run_id, seller_id),
                CHECK (status = 'held' OR iban IS NOT NULL)
            )
            """,
            "CREATE INDEX seller_payouts_seller ON seller_payouts (seller_id, id)",
            """
            CREATE TABLE seller_movements (
                id TEXT PRIMARY KEY,
                seller_id TEXT NOT NULL REFERENCES sellers (id),
                kind TEXT NOT NULL CHECK (kind IN ('sale', 'fee', 'refund', 'fee_refund', 'chargeback', 'payout', 'adjustment')),
                amount BIGINT NOT NULL CHECK (amount <> 0),
                currency TEXT NOT NULL CHECK (length(currency) = 3),
                available_at BIGINT NOT NULL,
                reference TEXT NOT NULL,
                -- The caller's business key (`sale:<sub-order>`, `payout:<payout>`): the same key never records twice.
                movement_key TEXT NOT NULL UNIQUE,
                note TEXT,
                payout_id TEXT REFERENCES seller_payouts (id),
                created_at BIGINT NOT NULL,
                -- Each kind has one sign, as PayoutPolicy.isValidSign says; the database refuses the others too.
                CHECK (
                    (kind IN ('sale', 'fee_refund') AND amount > 0)
                    OR (kind IN ('fee', 'refund', 'chargeback', 'payout') AND amount < 0)
                    OR kind = 'adjustment'
                ),
                CHECK ((kind = 'payout') = (payout_id IS NOT NULL))
            )
            """,
            // Balances are sums over one seller's rows: this index answers them without reading the table.
            """
            CREATE INDEX seller_movements_balance
            ON seller_movements (seller_id, currency, available_at, amount)
            """,
            "CREATE INDEX seller_movements_seller ON seller_movements (seller_id, id)",
            "CREATE INDEX seller_movements_created ON seller_movements (seller_id, created_at, id)",
        ],
        table: "seller_movements")
}
