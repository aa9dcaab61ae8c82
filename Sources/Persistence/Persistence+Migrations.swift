/// The tables Persistence itself owns: the outbox, jobs and idempotency keys.
public enum PersistenceMigrations {
    public static let all: [Migration] = [
        Migration(
            "persistence.0001_outbox",
            [
                """
                CREATE TABLE outbox_events (
                    id TEXT PRIMARY KEY,
                    type TEXT NOT NULL,
                    occurred_at BIGINT NOT NULL,
                    payload TEXT NOT NULL,
                    request_id TEXT
                )
                """,
                "CREATE INDEX outbox_events_type ON outbox_events (type, id)",
                """
                CREATE TABLE outbox_deliveries (
                    subscriber TEXT NOT NULL,
                    event_id TEXT NOT NULL REFERENCES outbox_events (id),
                    status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'dead')),
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    run_at BIGINT NOT NULL,
                    delivered_at BIGINT,
                    last_error TEXT,
                    PRIMARY KEY (subscriber, event_id)
                )
                """,
                "CREATE INDEX outbox_deliveries_due ON outbox_deliveries (status, run_at, event_id)",
            ]),
        Migration(
            "persistence.0002_jobs",
            [
                """
                CREATE TABLE jobs (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    payload TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
                    run_at BIGINT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
                    max_attempts INTEGER NOT NULL CHECK (max_attempts > 0),
                    unique_key TEXT UNIQUE,
                    locked_by TEXT,
                    locked_until BIGINT,
                    last_error TEXT,
                    created_at BIGINT NOT NULL,
                    updated_at BIGINT NOT NULL,
                    finished_at BIGINT
                )
                """,
                "CREATE INDEX jobs_due ON jobs (status, run_at)",
            ]),
        Migration(
            "persistence.0003_idempotency_keys",
            [
                """
                CREATE TABLE idempotency_keys (
                    scope TEXT NOT NULL,
                    key TEXT NOT NULL,
                    fingerprint TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('in_flight', 'completed')),
                    status_code INTEGER,
                    content_type TEXT,
                    body TEXT,
                    locked_until BIGINT NOT NULL,
                    created_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    PRIMARY KEY (scope, key)
                )
                """,
                "CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at)",
            ]),
        Migration(
            "persistence.0004_append_only",
            sqlite: [],
            postgres: [
                """
                CREATE FUNCTION torv_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
                END
                $$
                """
            ]),
        AppendOnly.migration(
            "persistence.0005_audit_log",
            createTable: [
                """
                CREATE TABLE audit_log (
                    id TEXT PRIMARY KEY,
                    occurred_at BIGINT NOT NULL,
                    actor_kind TEXT NOT NULL,
                    actor_id TEXT NOT NULL,
                    action TEXT NOT NULL,
                    target_type TEXT,
                    target_id TEXT,
                    request_id TEXT,
                    detail TEXT NOT NULL
                )
                """,
                "CREATE INDEX audit_log_actor ON audit_log (actor_id, id)",
            ],
            table: "audit_log"),
    ]
}
