public import Foundation
public import SQLKit
public import TorvCore

/// A durable queue of scheduled work in the `jobs` table: deal deadlines, flash-sale openings,
/// webhook retries, nightly audits.
///
/// Claiming marks a job `running` with a lease in one statement; on PostgreSQL the candidates are
/// picked with `FOR UPDATE SKIP LOCKED`, so any number of `torv serve` processes share the queue and
/// never run one job twice at the same time. A job whose lease runs out (its worker crashed) becomes
/// claimable again.
public struct JobQueue: Sendable {
    let clock: WallClock
    let ids: UUIDGenerator

    public init(clock: WallClock = .system, ids: UUIDGenerator = .v7) {
        self.clock = clock
        self.ids = ids
    }

    /// Schedules a job inside the caller's transaction. With a `uniqueKey`, a second enqueue of the
    /// same key is ignored and returns `nil` — the way to schedule "the deadline of deal X" once.
    @discardableResult
    public func enqueue(
        kind: String, payload: some Encodable & Sendable, runAt: Date? = nil, uniqueKey: String? = nil,
        maxAttempts: Int = 10, on db: any SQLDatabase
    ) async throws -> JobID? {
        let now = clock.now()
        let id = JobID.generate(ids, at: now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(payload), as: UTF8.self)
        let rows = try await db.raw(
            """
            INSERT INTO jobs (id, kind, payload, status, run_at, attempts, max_attempts, unique_key, created_at, updated_at)
            VALUES (\(bind: id.rawValue), \(bind: kind), \(bind: json), 'queued', \(bind: (runAt ?? now).epochMicroseconds),
                    0, \(bind: maxAttempts), \(bind: uniqueKey), \(bind: now.epochMicroseconds), \(bind: now.epochMicroseconds))
            ON CONFLICT (unique_key) DO NOTHING
            RETURNING id
            """
        ).all()
        return rows.isEmpty ? nil : id
    }

    /// Claims up to `limit` due jobs of the given kinds for `worker`, each leased for `lease` seconds.
    public func claim(
        kinds: [String], worker: String, limit: Int, lease: TimeInterval, in database: Database
    ) async throws -> [ClaimedJob] {
        guard !kinds.isEmpty, limit > 0 else { return [] }
        let now = clock.now()
        let leaseEnd = now.addingTimeInterval(lease)
        let lock = database.backend == .postgres ? SQLRaw("FOR UPDATE SKIP LOCKED") : SQLRaw("")
        let rows = try await database.inTransaction { db in
            try await db.raw(
                """
                UPDATE jobs SET status = 'running', locked_by = \(bind: worker), locked_until = \(bind: leaseEnd.epochMicroseconds),
                    attempts = attempts + 1, updated_at = \(bind: now.epochMicroseconds)
                WHERE id IN (
                    SELECT id FROM jobs
                    WHERE kind IN (\(binds: kinds))
                      AND ((status = 'queued' AND run_at <= \(bind: now.epochMicroseconds))
                        OR (status = 'running' AND locked_until < \(bind: now.epochMicroseconds)))
                    ORDER BY run_at, id LIMIT \(bind: limit) \(lock)
                )
                RETURNING id, kind, payload, attempts, max_attempts
                """
            ).all()
        }
        return try rows.map { row in
            let rawID = try row.decode(column: "id", as: String.self)
            guard let id = JobID(rawID) else {
                throw PersistenceError.corruptRow(table: "jobs", detail: "bad id \(rawID)")
            }
            return ClaimedJob(
                id: id, kind: try row.decode(column: "kind", as: String.self),
                payload: Data(try row.decode(column: "payload", as: String.self).utf8),
                attempt: try row.decode(column: "attempts", as: Int.self),
                maxAttempts: try row.decode(column: "max_attempts", as: Int.self), leaseExpiresAt: leaseEnd)
        }
    }

    /// Marks a job done. Returns false when `worker` no longer holds it (its lease expired and another
    /// worker took it over), which the caller logs.
    @discardableResult
    public func complete(_ job: ClaimedJob, worker: String, in database: Database) async throws -> Bool {
        let now = clock.now()
        return try await database.inTransaction { db in
            try await !db.raw(
                """
                UPDATE jobs SET status = 'done', locked_by = NULL, locked_until = NULL, finished_at = \(bind: now.epochMicroseconds),
                    updated_at = \(bind: now.epochMicroseconds), last_error = NULL
                WHERE id = \(bind: job.id.rawValue) AND locked_by = \(bind: worker) AND status = 'running'
                RETURNING id
                """
            ).all().isEmpty
        }
    }

    /// Records a failed run: back to the queue after a back-off, or `failed` for good after the last attempt.
    @discardableResult
    public func fail(_ job: ClaimedJob, worker: String, error: String, in database: Database) async throws -> Bool {
        let now = clock.now()
        let final = job.attempt >= job.maxAttempts
        let retryAt = now.addingTimeInterval(Backoff.retryDelay(afterAttempt: job.attempt))
        return try await database.inTransaction { db in
            try await !db.raw(
                """
                UPDATE jobs SET status = \(bind: final ? "failed" : "queued"), run_at = \(bind: retryAt.epochMicroseconds),
                    locked_by = NULL, locked_until = NULL, last_error = \(bind: error), updated_at = \(bind: now.epochMicroseconds),
                    finished_at = \(bind: final ? now.epochMicroseconds : nil)
                WHERE id = \(bind: job.id.rawValue) AND locked_by = \(bind: worker) AND status = 'running'
                RETURNING id
                """
            ).all().isEmpty
        }
    }

    /// Counts jobs per status, for `/readyz`, metrics and tests.
    public func counts(in database: Database) async throws -> [String: Int] {
        try await database.read { db in
            var counts: [String: Int] = [:]
            for row in try await db.raw("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all() {
                counts[try row.decode(column: "status", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
    }
}
