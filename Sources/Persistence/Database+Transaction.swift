import Logging
import Metrics
public import SQLKit

/// How strictly concurrent transactions are isolated.
public enum TransactionIsolation: Sendable {
    /// PostgreSQL's READ COMMITTED. Invariants are kept by guarded single-statement updates and unique
    /// keys, which re-check their condition against the newest row version under this level.
    case readCommitted
    /// SERIALIZABLE on PostgreSQL (retried on 40001). SQLite is always serializable.
    case serializable
}

extension Database {
    @TaskLocal static var insideTransaction = false

    /// Runs `body` in one transaction: commits when it returns, rolls back when it throws.
    ///
    /// SQLite: the in-process write gate, then `BEGIN IMMEDIATE` (a deferred `BEGIN` fails with
    /// "database is locked" when it later upgrades to a write under contention).
    /// PostgreSQL: one pinned pooled connection; serialization failures and deadlocks are retried
    /// with jittered back-off, so `body` may run more than once and must have no effect outside the
    /// database it is given.
    @discardableResult
    public func inTransaction<R: Sendable>(
        isolation: TransactionIsolation = .readCommitted,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        if Self.insideTransaction { throw PersistenceError.nestedTransaction }
        let started = ContinuousClock.now
        defer {
            let elapsed = started.duration(to: .now).components
            Timer(label: "torv_db_transaction_seconds").recordNanoseconds(
                elapsed.seconds * 1_000_000_000 + elapsed.attoseconds / 1_000_000_000)
        }

        var attempt = 1
        while true {
            do {
                return try await Self.$insideTransaction.withValue(true) {
                    try await runOnce(isolation: isolation, body)
                }
            } catch  where driver.isTransient(error) {
                guard attempt < maxAttempts else {
                    logger.warning("transaction gave up", metadata: ["attempts": "\(attempt)", "error": "\(error)"])
                    throw PersistenceError.retriesExhausted(attempts: attempt)
                }
                Counter(label: "torv_db_transaction_retries_total").increment()
                try await Task.sleep(for: Backoff.transactionRetry(attempt: attempt))
                attempt += 1
            }
        }
    }

    private func runOnce<R: Sendable>(
        isolation: TransactionIsolation,
        _ body: @escaping @Sendable (any SQLDatabase) async throws -> R
    ) async throws -> R {
        let begin: String =
            switch (backend, isolation) {
            case (.sqlite, _): "BEGIN IMMEDIATE"
            case (.postgres, .readCommitted): "BEGIN"
            case (.postgres, .serializable): "BEGIN ISOLATION LEVEL SERIALIZABLE"
            }
        let work: @Sendable () async throws -> R = {
            try await driver.withWriteConnection { db in
                try await db.raw(SQLQueryString(begin)).run()
                do {
                    let result = try await body(db)
                    try await db.raw("COMMIT").run()
                    return result
                } catch {
                    // A failed COMMIT has already ended the transaction on both engines; ROLLBACK then
                    // only warns, so its own failure is not worth reporting over the original error.
                    try? await db.raw("ROLLBACK").run()
                    throw error
                }
            }
        }
        if let writeGate {
            return try await writeGate.withLock(work)
        }
        return try await work()
    }
}
