public import Persistence

/// Payments' tables. Append-only: add a migration, never edit one.
///
/// Amounts are BIGINT minor units in the payment's currency. The money invariants are CHECKs on
/// `payments` (authorised ≥ captured ≥ refunded + refunds in flight) and partial unique indexes on
/// `payment_attempts` (one successful authorisation, capture and void per payment), so no code path —
/// nor a stray psql session — can break them. Orders are referred to by ID string only.
public enum PaymentMigrations {
    public static let all: [Migration] = [
        Migration(
            "payments.0001_payments",
            [
                """
                CREATE TABLE payments (
                    id TEXT PRIMARY KEY,
                    reference TEXT NOT NULL,
                    method TEXT NOT NULL CHECK (method IN ('card', 'invoice')),
                    net_days INTEGER CHECK (net_days BETWEEN 0 AND 365),
                    provider TEXT NOT NULL,
                    customer_id TEXT,
                    currency TEXT NOT NULL CHECK (length(currency) = 3),
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'requires_action', 'authorized', 'captured',
                        'partially_refunded', 'refunded', 'voided', 'failed', 'unknown')),
                    authorized_amount BIGINT NOT NULL,
                    captured_amount BIGINT NOT NULL,
                    refunded_amount BIGINT NOT NULL,
                    refunding_amount BIGINT NOT NULL,
                    operation_in_flight TEXT,
                    provider_reference TEXT,
                    challenge_url TEXT,
                    failure_reason TEXT,
                    due_at BIGINT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    CHECK ((method = 'invoice') = (net_days IS NOT NULL)),
                    CHECK (authorized_amount >= 0 AND authorized_amount <= amount),
                    CHECK (captured_amount >= 0 AND captured_amount <= authorized_amount),
                    CHECK (refunded_amount >= 0 AND refunding_amount >= 0
                        AND refunded_amount + refunding_amount <= captured_amount),
                    CHECK ((status = 'requires_action') = (challenge_url IS NOT NULL))
                )
                """,
                "CREATE INDEX payments_reference ON payments (reference, id)",
                // Each row is one provider call; its id is the idempotency key the provider sees.
                """
                CREATE TABLE payment_attempts (
                    id TEXT PRIMARY KEY,
                    payment_id TEXT NOT NULL REFERENCES payments (id),
                    kind TEXT NOT NULL CHECK (kind IN ('authorize', 'capture', 'void', 'refund')),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'requires_action', 'succeeded', 'failed',
                        'unknown')),
                    provider TEXT NOT NULL,
                    amount BIGINT NOT NULL CHECK (amount > 0),
                    authorization_reference TEXT,
                    card_last4 TEXT,
                    net_days INTEGER,
                    refund_id TEXT UNIQUE,
                    refund_reason TEXT,
                    refund_key TEXT,
                    provider_reference TEXT,
                    failure_reason TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    UNIQUE (payment_id, refund_key),
                    CHECK ((kind = 'refund') = (refund_id IS NOT NULL)),
                    CHECK ((kind = 'refund') = (refund_key IS NOT NULL AND refund_reason IS NOT NULL)),
                    CHECK (kind = 'authorize' OR authorization_reference IS NOT NULL)
                )
                """,
                // One successful capture (and authorisation, and void) per payment, whatever races.
                """
                CREATE UNIQUE INDEX payment_attempts_one_capture ON payment_attempts (payment_id)
                WHERE kind = 'capture' AND status = 'succeeded'
                """,
                """
                CREATE UNIQUE INDEX payment_attempts_one_authorization ON payment_attempts (payment_id)
                WHERE kind = 'authorize' AND status = 'succeeded'
                """,
                """
                CREATE UNIQUE INDEX payment_attempts_one_void ON payment_attempts (payment_id)
                WHERE kind = 'void' AND status = 'succeeded'
                """,
                "CREATE INDEX payment_attempts_payment ON payment_attempts (payment_id, status)",
                // Inbound provider events: the primary key applies each at most once.
                """
                CREATE TABLE payment_webhook_events (
                    provider TEXT NOT NULL,
                    event_id TEXT NOT NULL,
                    attempt_id TEXT,
                    outcome TEXT NOT NULL CHECK (outcome IN ('received', 'applied', 'stale')),
                    received_at BIGINT NOT NULL,
                    PRIMARY KEY (provider, event_id)
                )
                """,
            ]),
        Migration(
            "payments.0002_fees",
            [
                // What the provider kept of a capture (its fee); the rest reaches the clearing balance.
                "ALTER TABLE payments ADD COLUMN fee_amount BIGINT NOT NULL DEFAULT 0 CHECK (fee_amount >= 0)"
            ]),
    ]
}
