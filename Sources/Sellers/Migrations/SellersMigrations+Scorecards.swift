import Persistence

extension SellersMigrations {
    /// The scorecard's verdict history: one row per seller and evaluation day (the daily job may run twice;
    /// the unique key records the day once), with the reasons and the warning in force, so a suspension can
    /// always be traced to the warning before it.
    static let scorecards = Migration(
        "sellers.0009_scorecards",
        [
            """
            CREATE TABLE seller_scorecards (
                id TEXT PRIMARY KEY,
                seller_id TEXT NOT NULL REFERENCES sellers (id),
                day TEXT NOT NULL,
                evaluated_at BIGINT NOT NULL,
                window_days INTEGER NOT NULL,
                standing TEXT NOT NULL CHECK (standing IN ('good', 'warn', 'suspend')),
                performance TEXT NOT NULL,
                verdict TEXT NOT NULL,
                warned_at BIGINT,
                suspended INTEGER NOT NULL CHECK (suspended IN (0, 1)),
                UNIQUE (seller_id, day)
            )
            """,
            "CREATE INDEX seller_scorecards_seller ON seller_scorecards (seller_id, evaluated_at)",
        ])
}
