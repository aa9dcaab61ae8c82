public import Persistence

/// Identity's tables. Append-only: add a migration, never edit one.
public enum IdentityMigrations {
    public static let all: [Migration] = [
        Migration(
            "identity.0001_staff_and_roles",
            [
                """
                CREATE TABLE identity_staff_users (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    totp_secret TEXT,
                    totp_pending_secret TEXT,
                    totp_last_step BIGINT NOT NULL DEFAULT 0,
                    disabled_at BIGINT,
                    created_at BIGINT NOT NULL,
                    password_changed_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE identity_roles (
                    name TEXT PRIMARY KEY,
                    description TEXT NOT NULL,
                    permissions TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE identity_staff_roles (
                    staff_id TEXT NOT NULL REFERENCES identity_staff_users (id),
                    role_name TEXT NOT NULL REFERENCES identity_roles (name),
                    PRIMARY KEY (staff_id, role_name)
                )
                """,
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('owner', 'Everything, including staff and API keys.', '["*"]'),
                ('administrator', 'Staff users, roles and API keys.', '["identity.*"]'),
                ('support', 'Reads customer accounts to help shoppers.', '["identity.customers.read"]'),
                ('auditor', 'Reads the audit log and the staff list.', '["identity.audit.read","identity.roles.read","identity.staff.read"]')
                """,
            ]),
        Migration(
            "identity.0002_customers",
            [
                """
                CREATE TABLE identity_customers (
                    id TEXT PRIMARY KEY,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    password_changed_at BIGINT NOT NULL
                )
                """
            ]),
        Migration(
            "identity.0003_sessions",
            [
                """
                CREATE TABLE identity_sessions (
                    id TEXT PRIMARY KEY,
                    token_digest TEXT NOT NULL UNIQUE,
                    principal_kind TEXT NOT NULL CHECK (principal_kind IN ('staff', 'customer')),
                    principal_id TEXT NOT NULL,
                    stage TEXT NOT NULL CHECK (stage IN ('active', 'second_factor')),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    failed_attempts INTEGER NOT NULL DEFAULT 0
                )
                """,
                "CREATE INDEX identity_sessions_principal ON identity_sessions (principal_kind, principal_id)",
            ]),
        Migration(
            "identity.0004_api_keys",
            [
                """
                CREATE TABLE identity_api_keys (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    display_prefix TEXT NOT NULL,
                    secret_digest TEXT NOT NULL,
                    scopes TEXT NOT NULL,
                    created_by TEXT NOT NULL REFERENCES identity_staff_users (id),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT,
                    revoked_at BIGINT,
                    last_used_at BIGINT
                )
                """
            ]),
        Migration(
            "identity.0005_merchandiser_role",
            [
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('merchandiser', 'Products, variants, categories, prices and catalogue imports.', '["catalog.*"]')
                """
            ]),
        Migration(
            "identity.0006_warehouse_role",
            [
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('warehouse', 'Stock locations, levels, receipts, adjustments, transfers and counts.', '["inventory.*"]')
                """
            ]),
        Migration(
            "identity.0007_commerce_permissions",
            [
                """
                UPDATE identity_roles SET permissions =
                '["identity.customers.read","orders.read","orders.manage","orders.refund","orders.returns"]'
                WHERE name = 'support'
                """,
                """
                UPDATE identity_roles SET permissions = '["inventory.*","orders.read","orders.fulfil","orders.returns"]',
                description = 'Stock, fulfilment (pick, pack, ship, pick-up) and receiving returns.'
                WHERE name = 'warehouse'
                """,
                """
                UPDATE identity_roles SET permissions = '["identity.*","checkout.settings.*"]',
                description = 'Staff, roles, API keys, shipping and tax settings.'
                WHERE name = 'administrator'
                """,
                """
                UPDATE identity_roles SET description = 'Reads customers, manages orders, cancellations, refunds and returns.'
                WHERE name = 'support'
                """,
            ]),
        Migration(
            "identity.0008_customer_permissions",
            [
                """
                UPDATE identity_roles SET permissions = '["identity.*","checkout.settings.*","customers.*"]',
                description = 'Staff, roles, API keys, shipping and tax settings, customer groups and companies.'
                WHERE name = 'administrator'
                """,
                """
                UPDATE identity_roles SET permissions =
                '["identity.customers.read","customers.companies.read","customers.groups.read","orders.read","orders.manage","orders.refund","orders.returns"]'
                WHERE name = 'support'
                """,
            ]),
        Migration(
            "identity.0009_accountant_role",
            [
                // The books are kept apart from the shop: an accountant reads and posts to the ledger,
                // closes months and sets budgets, and touches nothing of catalogue, stock or orders.
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('accountant', 'The books: reports, journal entries, periods, chart of accounts and budgets.', '["finance.*"]')
                """,
                """
                UPDATE identity_roles SET permissions =
                '["identity.audit.read","identity.roles.read","identity.staff.read","finance.read"]',
                description = 'Reads the audit log, the staff list and the books.'
                WHERE name = 'auditor'
                """,
            ]),
        Migration(
            "identity.0010_buyer_role",
            [
                // Buying is its own job: a buyer keeps suppliers, prices and purchase orders; the
                // warehouse books what arrives and sends back what must go back. Bills stay with finance.
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('buyer', 'Suppliers, supplier prices, purchase orders, receipts and returns to suppliers.',
                 '["purchasing.*","inventory.stock.read","catalog.products.read"]')
                """,
                """
                UPDATE identity_roles SET permissions =
                '["inventory.*","orders.read","orders.fulfil","orders.returns","purchasing.read","purchasing.receive"]'
                WHERE name = 'warehouse'
                """,
            ]),
        Migration(
            "identity.0011_gift_cards",
            [
                // Customer service issues goodwill cards and store credit and stops lost cards; the books
                // read the cards behind the gift-card liability.
                """
                UPDATE identity_roles SET permissions =
                '["identity.customers.read","customers.companies.read","customers.groups.read","orders.read","orders.manage","orders.refund","orders.returns","giftcards.*"]'
                WHERE name = 'support'
                """,
                """
                UPDATE identity_roles SET permissions = '["finance.*","giftcards.read"]' WHERE name = 'accountant'
                """,
            ]),
        Migration(
            "identity.0012_marketing_role",
            [
                // Promotions and coupons are marketing's; support reads them to explain a price to a shopper.
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('marketing', 'Promotions, coupons and campaigns.', '["promotions.*","catalog.products.read"]')
                """,
                """
                UPDATE identity_roles SET permissions =
                '["identity.customers.read","customers.companies.read","customers.groups.read","orders.read","orders.manage","orders.refund","orders.returns","giftcards.*","promotions.read"]'
                WHERE name = 'support'
                """,
            ]),
        Migration(
            "identity.0013_seller_users",
            [
                // People who work for a marketplace seller: bound to exactly one seller, with one role. The
                // seller itself is the Sellers module's row; here it is referred to by ID only.
                """
                CREATE TABLE identity_seller_users (
                    id TEXT PRIMARY KEY,
                    seller_id TEXT NOT NULL,
                    email TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    password_hash TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'fulfilment', 'finance')),
                    disabled_at BIGINT,
                    created_at BIGINT NOT NULL,
                    password_changed_at BIGINT NOT NULL
                )
                """,
                "CREATE INDEX identity_seller_users_seller ON identity_seller_users (seller_id, id)",
                // Sessions now also stand for seller users. A CHECK cannot be altered on SQLite, so the
                // table is rebuilt (nothing refers to it).
                """
                CREATE TABLE identity_sessions_v2 (
                    id TEXT PRIMARY KEY,
                    token_digest TEXT NOT NULL UNIQUE,
                    principal_kind TEXT NOT NULL CHECK (principal_kind IN ('staff', 'customer', 'seller_user')),
                    principal_id TEXT NOT NULL,
                    stage TEXT NOT NULL CHECK (stage IN ('active', 'second_factor')),
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    revoked_at BIGINT,
                    failed_attempts INTEGER NOT NULL DEFAULT 0
                )
                """,
                """
                INSERT INTO identity_sessions_v2 (id, token_digest, principal_kind, principal_id, stage, created_at,
                    expires_at, revoked_at, failed_attempts)
                SELECT id, token_digest, principal_kind, principal_id, stage, created_at, expires_at, revoked_at,
                    failed_attempts FROM identity_sessions
                """,
                "DROP TABLE identity_sessions",
                "ALTER TABLE identity_sessions_v2 RENAME TO identity_sessions",
                "CREATE INDEX identity_sessions_principal ON identity_sessions (principal_kind, principal_id)",
                // The marketplace operator: sellers' applications and lifecycle, commission rules.
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('marketplace', 'Sellers, their offers and the platform fees.', '["marketplace.*","catalog.products.read"]')
                """,
            ]),
        Migration(
            "identity.0014_moderator_role",
            [
                // Reviews are moderated before they show; moderators also see sellers, whose reviews follow.
                """
                INSERT INTO identity_roles (name, description, permissions) VALUES
                ('moderator', 'Moderates reviews before they show.', '["reviews.*","marketplace.sellers.read"]')
                """
            ]),
        Migration(
            "identity.0015_sign_in_failures",
            [
                // Wrong passwords per address (known or not), shared by every instance: see SignInThrottle.
                """
                CREATE TABLE identity_sign_in_failures (
                    principal_kind TEXT NOT NULL,
                    email TEXT NOT NULL,
                    failures INTEGER NOT NULL,
                    since BIGINT NOT NULL,
                    paused_until BIGINT,
                    PRIMARY KEY (principal_kind, email)
                )
                """
            ]),
    ]
}
