public import Persistence

/// Promotions' tables. Append-only: add a migration, never edit one.
///
/// A promotion's rule is stored as the engine's JSON (`definition`); what checkout must guard
/// atomically sits in columns beside it: uses and discount given against the budget, each moved by one
/// guarded UPDATE. Coupons count their uses the same way; redemptions record which order had which
/// promotion, so a declined payment can give the uses back once.
public enum PromotionsMigrations {
    public static let all: [Migration] = [
        Migration(
            "promotions.0001_promotions",
            [
                """
                CREATE TABLE promotions (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    definition TEXT NOT NULL,
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    max_uses BIGINT CHECK (max_uses IS NULL OR max_uses > 0),
                    max_discount BIGINT CHECK (max_discount IS NULL OR max_discount > 0),
                    budget_currency TEXT,
                    uses BIGINT NOT NULL DEFAULT 0 CHECK (uses >= 0),
                    discount_given BIGINT NOT NULL DEFAULT 0 CHECK (discount_given >= 0),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK (max_uses IS NULL OR uses <= max_uses),
                    CHECK (max_discount IS NULL OR discount_given <= max_discount)
                )
                """,
                """
                CREATE TABLE promotion_coupons (
                    id TEXT PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    promotion_id TEXT NOT NULL REFERENCES promotions (id),
                    batch_id TEXT,
                    usage_limit BIGINT CHECK (usage_limit IS NULL OR usage_limit > 0),
                    per_customer_limit BIGINT CHECK (per_customer_limit IS NULL OR per_customer_limit > 0),
                    uses BIGINT NOT NULL DEFAULT 0 CHECK (uses >= 0),
                    expires_at BIGINT,
                    active INTEGER NOT NULL CHECK (active IN (0, 1)),
                    created_at BIGINT NOT NULL,
                    CHECK (usage_limit IS NULL OR uses <= usage_limit)
                )
                """,
                "CREATE INDEX promotion_coupons_promotion ON promotion_coupons (promotion_id, id)",
                """
                CREATE TABLE promotion_redemptions (
                    id TEXT PRIMARY KEY,
                    promotion_id TEXT NOT NULL REFERENCES promotions (id),
                    coupon_id TEXT REFERENCES promotion_coupons (id),
                    reference TEXT NOT NULL,
                    customer_id TEXT,
                    amount BIGINT NOT NULL CHECK (amount >= 0),
                    currency TEXT NOT NULL,
                    released_at BIGINT,
                    created_at BIGINT NOT NULL,
                    UNIQUE (promotion_id, reference)
                )
                """,
                "CREATE INDEX promotion_redemptions_reference ON promotion_redemptions (reference)",
                """
                CREATE INDEX promotion_redemptions_customer
                ON promotion_redemptions (customer_id, promotion_id, coupon_id)
                """,
            ]),
        Migration(
            "promotions.0002_campaigns",
            [
                // A campaign's instants are absolute; its zone is kept to show the schedule as it was given.
                // `started_at` and `ended_at` are set once each by the campaign clock, which is what makes
                // `promotion.started` and `promotion.ended` go out exactly once across instances.
                """
                CREATE TABLE promotion_campaigns (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    time_zone TEXT NOT NULL,
                    announce_at BIGINT,
                    starts_at BIGINT NOT NULL,
                    ends_at BIGINT NOT NULL,
                    started_at BIGINT,
                    ended_at BIGINT,
                    created_at BIGINT NOT NULL,
                    CHECK (starts_at < ends_at),
                    CHECK (announce_at IS NULL OR announce_at <= starts_at)
                )
                """,
                "CREATE INDEX promotion_campaigns_schedule ON promotion_campaigns (starts_at, ends_at)",
                "ALTER TABLE promotions ADD COLUMN campaign_id TEXT REFERENCES promotion_campaigns (id)",
            ]),
    ]
}
