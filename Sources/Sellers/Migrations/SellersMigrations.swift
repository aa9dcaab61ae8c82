public import Persistence

/// The marketplace's tables. Append-only: add a migration, never edit one.
///
/// Offers refer to catalogue variants by ID only (no foreign keys across modules). An offer's stock is a
/// guarded column (`CHECK (quantity >= 0)`), so a sale taking units can never take more than there are.
public enum SellersMigrations {
    public static let all: [Migration] = [
        Migration(
            "sellers.0001_sellers",
            [
                """
                CREATE TABLE sellers (
                    id TEXT PRIMARY KEY,
                    handle TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('business', 'private')),
                    status TEXT NOT NULL CHECK (status IN ('applied', 'onboarding', 'under_review', 'approved', 'suspended', 'closed')),
                    status_reason TEXT,
                    plan TEXT NOT NULL,
                    profile TEXT NOT NULL,
                    onboarding TEXT NOT NULL,
                    holiday_until BIGINT,
                    holiday_message TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    approved_at BIGINT
                )
                """,
                "CREATE INDEX sellers_status ON sellers (status, id)",
                """
                CREATE TABLE seller_documents (
                    id TEXT PRIMARY KEY,
                    seller_id TEXT NOT NULL REFERENCES sellers (id),
                    kind TEXT NOT NULL CHECK (kind IN ('business_registration', 'identity', 'bank_statement')),
                    url TEXT NOT NULL,
                    added_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX seller_documents_seller ON seller_documents (seller_id, id)",
                // Every status change with who made it and why: the seller's history for disputes.
                """
                CREATE TABLE seller_status_changes (
                    seller_id TEXT NOT NULL REFERENCES sellers (id),
                    sequence INTEGER NOT NULL,
                    from_status TEXT,
                    to_status TEXT NOT NULL,
                    reason TEXT,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    changed_at BIGINT NOT NULL,
                    PRIMARY KEY (seller_id, sequence)
                )
                """,
            ]),
        Migration(
            "sellers.0002_offers",
            [
                """
                CREATE TABLE seller_offers (
                    id TEXT PRIMARY KEY,
                    seller_id TEXT NOT NULL REFERENCES sellers (id),
                    product_id TEXT NOT NULL,
                    variant_id TEXT NOT NULL,
                    sku TEXT NOT NULL,
                    title TEXT NOT NULL,
                    condition TEXT NOT NULL CHECK (condition IN ('new', 'used', 'refurbished')),
                    condition_note TEXT,
                    price BIGINT NOT NULL CHECK (price > 0),
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    quantity INTEGER NOT NULL CHECK (quantity >= 0),
                    handling_days INTEGER CHECK (handling_days BETWEEN 0 AND 60),
                    status TEXT NOT NULL CHECK (status IN ('active', 'paused')),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (seller_id, variant_id, condition)
                )
                """,
                "CREATE INDEX seller_offers_variant ON seller_offers (variant_id, status)",
                "CREATE INDEX seller_offers_product ON seller_offers (product_id, status)",
            ]),
        Migration(
            "sellers.0003_commission_rules",
            [
                """
                CREATE TABLE seller_commission_rules (
                    id TEXT PRIMARY KEY,
                    seller_id TEXT,
                    category_id TEXT,
                    plan TEXT,
                    percent_basis_points INTEGER NOT NULL CHECK (percent_basis_points BETWEEN 0 AND 10000),
                    fixed_per_item BIGINT CHECK (fixed_per_item >= 0),
                    minimum_per_line BIGINT CHECK (minimum_per_line >= 0),
                    currency TEXT CHECK (currency IS NULL OR length(currency) = 3),
                    position INTEGER NOT NULL
                )
                """
            ]),
        balances,
        Migration(
            "sellers.0005_cases",
            [
                """
                CREATE TABLE seller_cases (
                    id TEXT PRIMARY KEY,
                    offer_id TEXT NOT NULL REFERENCES seller_offers (id),
                    seller_id TEXT NOT NULL REFERENCES sellers (id),
                    reason TEXT NOT NULL CHECK (reason IN ('counterfeit', 'prohibited', 'misleading')),
                    reporter TEXT NOT NULL CHECK (reporter IN ('buyer', 'rights_owner', 'operator')),
                    reporter_contact TEXT NOT NULL,
                    description TEXT NOT NULL,
                    evidence_urls TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('open', 'awaiting_decision', 'taken_down', 'restored')),
                    seller_response TEXT,
                    decision_reason TEXT,
                    opened_at BIGINT NOT NULL,
                    decided_at BIGINT
                )
                """,
                "CREATE INDEX seller_cases_seller ON seller_cases (seller_id, id)",
                "CREATE INDEX seller_cases_status ON seller_cases (status, id)",
                // An offer taken down after a case stays down: the seller cannot switch it back on.
                "ALTER TABLE seller_offers ADD COLUMN taken_down_at BIGINT",
            ]),
        AppendOnly.migration(
            "sellers.0006_case_events",
            createTable: [
                """
                CREATE TABLE seller_case_events (
                    case_id TEXT NOT NULL REFERENCES seller_cases (id),
                    sequence INTEGER NOT NULL,
                    action TEXT NOT NULL,
                    actor TEXT NOT NULL,
                    note TEXT,
                    at BIGINT NOT NULL,
                    PRIMARY KEY (case_id, sequence)
                )
                """
            ], table: "seller_case_events"),
        buyRequests,
        scorecards,
    ]
}
