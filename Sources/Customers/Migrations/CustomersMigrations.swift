public import Persistence

/// Customers' tables. Append-only: add a migration, never edit one.
///
/// Flags are INTEGER 0/1 and money is BIGINT minor units plus a currency code, so one SQL text serves
/// both backends. Customer IDs are Identity's strings, with no foreign key across modules.
public enum CustomersMigrations {
    public static let all: [Migration] = [
        Migration(
            "customers.0001_profiles_and_addresses",
            [
                // Written on a customer's first profile update; a missing row reads as the defaults.
                """
                CREATE TABLE customers_profiles (
                    customer_id TEXT PRIMARY KEY,
                    display_name TEXT,
                    phone TEXT,
                    locale TEXT,
                    marketing_consent INTEGER NOT NULL CHECK (marketing_consent IN (0, 1)),
                    marketing_consent_changed_at BIGINT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK (marketing_consent = 0 OR marketing_consent_changed_at IS NOT NULL)
                )
                """,
                """
                CREATE TABLE customers_addresses (
                    id TEXT PRIMARY KEY,
                    customer_id TEXT NOT NULL,
                    label TEXT,
                    recipient TEXT NOT NULL,
                    company TEXT,
                    line1 TEXT NOT NULL,
                    line2 TEXT,
                    city TEXT NOT NULL,
                    region TEXT,
                    postal_code TEXT NOT NULL,
                    country_code TEXT NOT NULL CHECK (length(country_code) = 2),
                    phone TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (customer_id, id)
                )
                """,
                // The defaults are pointers in one row per customer, so "at most one default shipping and
                // one default billing address" is the primary key itself, and concurrent changes serialise
                // on that row. The composite keys make a default always one of the customer's own addresses.
                """
                CREATE TABLE customers_address_defaults (
                    customer_id TEXT PRIMARY KEY,
                    shipping_address_id TEXT,
                    billing_address_id TEXT,
                    FOREIGN KEY (customer_id, shipping_address_id) REFERENCES customers_addresses (customer_id, id),
                    FOREIGN KEY (customer_id, billing_address_id) REFERENCES customers_addresses (customer_id, id)
                )
                """,
            ]),
        Migration(
            "customers.0002_groups",
            [
                """
                CREATE TABLE customers_groups (
                    id TEXT PRIMARY KEY,
                    code TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE customers_group_members (
                    group_id TEXT NOT NULL REFERENCES customers_groups (id),
                    customer_id TEXT NOT NULL,
                    added_at BIGINT NOT NULL,
                    PRIMARY KEY (group_id, customer_id)
                )
                """,
                "CREATE INDEX customers_group_members_customer ON customers_group_members (customer_id)",
            ]),
        Migration(
            "customers.0003_companies",
            [
                """
                CREATE TABLE customers_companies (
                    id TEXT PRIMARY KEY,
                    legal_name TEXT NOT NULL,
                    vat_id TEXT,
                    billing_recipient TEXT NOT NULL,
                    billing_company TEXT,
                    billing_line1 TEXT NOT NULL,
                    billing_line2 TEXT,
                    billing_city TEXT NOT NULL,
                    billing_region TEXT,
                    billing_postal_code TEXT NOT NULL,
                    billing_country_code TEXT NOT NULL CHECK (length(billing_country_code) = 2),
                    billing_phone TEXT,
                    payment_terms_days INTEGER NOT NULL CHECK (payment_terms_days BETWEEN 0 AND 365),
                    credit_limit_amount BIGINT CHECK (credit_limit_amount >= 0),
                    credit_limit_currency TEXT,
                    price_list_id TEXT,
                    status TEXT NOT NULL CHECK (status IN ('active', 'suspended')),
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK ((credit_limit_amount IS NULL) = (credit_limit_currency IS NULL))
                )
                """,
                // UNIQUE (customer_id): a customer belongs to at most one company, whichever of two
                // concurrent additions commits first.
                """
                CREATE TABLE customers_company_members (
                    company_id TEXT NOT NULL REFERENCES customers_companies (id),
                    customer_id TEXT NOT NULL,
                    role TEXT NOT NULL CHECK (role IN ('buyer', 'approver', 'admin')),
                    approval_limit_amount BIGINT CHECK (approval_limit_amount >= 0),
                    approval_limit_currency TEXT,
                    added_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    PRIMARY KEY (company_id, customer_id),
                    UNIQUE (customer_id),
                    CHECK ((approval_limit_amount IS NULL) = (approval_limit_currency IS NULL)),
                    CHECK (role = 'buyer' OR approval_limit_amount IS NULL)
                )
                """,
            ]),
    ]
}
