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
        Migration(
            "promotions.0003_flash_sales",
            [
                // `held`, `sold` and `withdrawn` are moved only by guarded updates, and the CHECK makes "while
                // stocks last" a database rule: no claim can take the sale one unit past `quantity`.
                """
                CREATE TABLE promotion_flash_sales (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    product_id TEXT NOT NULL,
                    variant_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    channel TEXT NOT NULL,
                    price BIGINT NOT NULL CHECK (price > 0),
                    currency TEXT NOT NULL,
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    per_customer_limit BIGINT NOT NULL CHECK (per_customer_limit > 0),
                    admissions_per_minute BIGINT NOT NULL CHECK (admissions_per_minute > 0),
                    hold_seconds BIGINT NOT NULL CHECK (hold_seconds > 0),
                    starts_at BIGINT NOT NULL,
                    ends_at BIGINT NOT NULL,
                    campaign_id TEXT REFERENCES promotion_campaigns (id),
                    stock_hold_id TEXT,
                    held BIGINT NOT NULL DEFAULT 0 CHECK (held >= 0),
                    sold BIGINT NOT NULL DEFAULT 0 CHECK (sold >= 0),
                    withdrawn BIGINT NOT NULL DEFAULT 0 CHECK (withdrawn >= 0),
                    sold_out_at BIGINT,
                    cancelled_at BIGINT,
                    created_at BIGINT NOT NULL,
                    CHECK (held + sold + withdrawn <= quantity),
                    CHECK (starts_at < ends_at)
                )
                """,
                "CREATE INDEX promotion_flash_sales_window ON promotion_flash_sales (ends_at, starts_at)",
                // The queue's head lives apart from the sale's row, so joining the queue never waits behind
                // the claims that update the sale. `admits_at` is the last place's admission moment: the
                // next place is admitted one spacing later, or on arrival when the queue has drained.
                """
                CREATE TABLE promotion_flash_queue_heads (
                    sale_id TEXT PRIMARY KEY REFERENCES promotion_flash_sales (id),
                    length BIGINT NOT NULL CHECK (length >= 0),
                    admits_at BIGINT
                )
                """,
                """
                CREATE TABLE promotion_flash_queue (
                    sale_id TEXT NOT NULL REFERENCES promotion_flash_sales (id),
                    position BIGINT NOT NULL CHECK (position > 0),
                    customer_id TEXT NOT NULL,
                    token_digest TEXT NOT NULL UNIQUE,
                    client_address TEXT,
                    joined_at BIGINT NOT NULL,
                    admission_at BIGINT NOT NULL,
                    PRIMARY KEY (sale_id, position),
                    UNIQUE (sale_id, customer_id)
                )
                """,
                """
                CREATE TABLE promotion_flash_claims (
                    id TEXT PRIMARY KEY,
                    sale_id TEXT NOT NULL REFERENCES promotion_flash_sales (id),
                    customer_id TEXT NOT NULL,
                    position BIGINT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('held', 'ordered', 'expired', 'released')),
                    expires_at BIGINT NOT NULL,
                    reference TEXT,
                    created_at BIGINT NOT NULL,
                    closed_at BIGINT
                )
                """,
                "CREATE INDEX promotion_flash_claims_sale ON promotion_flash_claims (sale_id, status, expires_at)",
                "CREATE INDEX promotion_flash_claims_customer ON promotion_flash_claims (customer_id, status, sale_id)",
                "CREATE INDEX promotion_flash_claims_reference ON promotion_flash_claims (reference)",
            ]),
        Migration(
            "promotions.0004_group_deals",
            [
                // `seats` counts participants in or still authorising, moved only by guarded updates (which also
                // lock the row, so joins of one deal take their turn); the CHECK keeps it within the maximum.
                """
                CREATE TABLE promotion_group_deals (
                    id TEXT PRIMARY KEY,
                    title TEXT NOT NULL,
                    product_id TEXT NOT NULL,
                    variant_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    regular_price BIGINT NOT NULL CHECK (regular_price > 0),
                    currency TEXT NOT NULL,
                    tiers TEXT NOT NULL,
                    min_participants BIGINT NOT NULL CHECK (min_participants > 0),
                    max_participants BIGINT CHECK (max_participants IS NULL OR max_participants >= min_participants),
                    max_quantity_per_participant BIGINT NOT NULL CHECK (max_quantity_per_participant > 0),
                    opens_at BIGINT NOT NULL,
                    deadline BIGINT NOT NULL,
                    voucher_valid_days BIGINT NOT NULL CHECK (voucher_valid_days > 0),
                    seats BIGINT NOT NULL DEFAULT 0 CHECK (seats >= 0),
                    status TEXT NOT NULL CHECK (status IN ('open', 'succeeded', 'failed')),
                    tipped_at BIGINT,
                    settled_at BIGINT,
                    created_at BIGINT NOT NULL,
                    CHECK (max_participants IS NULL OR seats <= max_participants),
                    CHECK (opens_at < deadline)
                )
                """,
                "CREATE INDEX promotion_group_deals_due ON promotion_group_deals (status, deadline)",
                // `action` is a settlement step claimed before its provider call (with the payment attempt it
                // started), cleared when its outcome is recorded: two settlement runs never take the same step.
                """
                CREATE TABLE promotion_group_deal_participants (
                    id TEXT PRIMARY KEY,
                    deal_id TEXT NOT NULL REFERENCES promotion_group_deals (id),
                    customer_id TEXT NOT NULL,
                    display_name TEXT NOT NULL,
                    number BIGINT NOT NULL CHECK (number > 0),
                    quantity BIGINT NOT NULL CHECK (quantity > 0),
                    unit_price BIGINT NOT NULL CHECK (unit_price > 0),
                    authorised_amount BIGINT NOT NULL CHECK (authorised_amount > 0),
                    currency TEXT NOT NULL,
                    payment_id TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL CHECK (state IN ('authorising', 'rejected', 'joined', 'left', 'captured',
                        'capture_failed', 'voided', 'refunded')),
                    joined_at BIGINT NOT NULL,
                    left_at BIGINT,
                    captured_amount BIGINT CHECK (captured_amount IS NULL OR captured_amount <= authorised_amount),
                    action TEXT CHECK (action IS NULL OR action IN ('capture', 'void', 'refund')),
                    action_attempt_id TEXT,
                    action_claimed_at BIGINT
                )
                """,
                // A customer is in a deal once; leaving or a declined card frees the place.
                """
                CREATE UNIQUE INDEX promotion_group_deal_participants_customer
                ON promotion_group_deal_participants (deal_id, customer_id)
                WHERE state NOT IN ('left', 'rejected')
                """,
                "CREATE INDEX promotion_group_deal_participants_deal ON promotion_group_deal_participants (deal_id, joined_at)",
                """
                CREATE TABLE promotion_group_deal_vouchers (
                    code TEXT PRIMARY KEY,
                    deal_id TEXT NOT NULL REFERENCES promotion_group_deals (id),
                    participant_id TEXT NOT NULL UNIQUE REFERENCES promotion_group_deal_participants (id),
                    issued_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    redeemed_at BIGINT
                )
                """,
            ]),
        Migration(
            "promotions.0005_group_deal_tax",
            [
                // The variant's tax class and home-country VAT rate (basis points) when the deal was set up, so
                // a voucher's redemption books the VAT it was sold with. Deals from before stay NULL until their
                // first redemption records the rate then in force.
                "ALTER TABLE promotion_group_deals ADD COLUMN tax_class TEXT",
                "ALTER TABLE promotion_group_deals ADD COLUMN vat_rate BIGINT CHECK (vat_rate IS NULL OR vat_rate >= 0)",
            ]),
    ]
}
