public import Persistence

/// Gift cards' tables. Append-only: add a migration, never edit one.
///
/// `code_digest` is the SHA-256 of the normalised code (the code itself is never stored). A card's
/// balance is a guarded column (`CHECK (balance >= 0)`) beside its append-only movements; the two always
/// agree because both are written in one savepoint.
public enum GiftCardsMigrations {
    static let movements = """
        CREATE TABLE gift_card_movements (
            id TEXT PRIMARY KEY,
            card_id TEXT NOT NULL REFERENCES gift_cards (id),
            kind TEXT NOT NULL CHECK (kind IN ('issued', 'redeemed', 'released', 'refunded')),
            amount BIGINT NOT NULL,
            reference TEXT,
            -- A release or refund names what it gives back, once: the same refund key never credits twice.
            movement_key TEXT UNIQUE,
            occurred_at BIGINT NOT NULL
        )
        """

    public static let all: [Migration] = [
        Migration(
            "gift_cards.0001_cards",
            [
                """
                CREATE TABLE gift_cards (
                    id TEXT PRIMARY KEY,
                    code_digest TEXT NOT NULL UNIQUE,
                    last_four TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('gift_card', 'store_credit')),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    initial_value BIGINT NOT NULL CHECK (initial_value > 0),
                    balance BIGINT NOT NULL CHECK (balance >= 0),
                    status TEXT NOT NULL CHECK (status IN ('active', 'disabled')),
                    reason TEXT NOT NULL CHECK (reason IN ('sold', 'goodwill')),
                    customer_id TEXT,
                    expires_at BIGINT,
                    note TEXT,
                    issue_key TEXT NOT NULL UNIQUE,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK (kind = 'gift_card' OR customer_id IS NOT NULL)
                )
                """,
                "CREATE INDEX gift_cards_customer ON gift_cards (customer_id, kind)",
            ]),
        AppendOnly.migration("gift_cards.0002_movements", createTable: [movements], table: "gift_card_movements"),
        Migration(
            "gift_cards.0003_movements_by_reference",
            [
                "CREATE INDEX gift_card_movements_reference ON gift_card_movements (reference, card_id)",
                "CREATE INDEX gift_card_movements_card ON gift_card_movements (card_id, id)",
            ]),
    ]
}
