import Foundation
public import Persistence
public import SQLKit
public import TorvCore

extension Ledger {
    /// Closes a period: nothing more posts with a date in it (corrections go to an open period).
    public func closePeriod(_ period: AccountingPeriod, by actor: AuditActor, on db: any SQLDatabase) async throws {
        try await setPeriod(period, closed: true, by: actor, on: db)
    }

    /// Opens a closed period again, for a correction the accountant decided to date back.
    public func reopenPeriod(_ period: AccountingPeriod, by actor: AuditActor, on db: any SQLDatabase) async throws {
        try await setPeriod(period, closed: false, by: actor, on: db)
    }

    public func isClosed(_ period: AccountingPeriod, on db: any SQLDatabase) async throws -> Bool {
        try await db.raw("SELECT status FROM ledger_periods WHERE period = \(bind: period.description)")
            .first(decodingColumn: "status", as: String.self) == "closed"
    }

    /// Whether `period` is open for a posting in this transaction. The period row is read FOR SHARE on
    /// PostgreSQL, so a concurrent close waits for this posting to commit instead of closing under it.
    func isOpenForPosting(_ period: AccountingPeriod, on db: any SQLDatabase) async throws -> Bool {
        let lock: SQLQueryString = db.backend == .postgres ? " FOR SHARE" : ""
        let read: SQLQueryString = "SELECT status FROM ledger_periods WHERE period = \(bind: period.description)" + lock
        // The row exists after a month's first posting, so the insert is paid once a month, not per entry.
        if let status = try await db.raw(read).first(decodingColumn: "status", as: String.self) {
            return status != "closed"
        }
        try await ensureRow(period, on: db)
        return try await db.raw(read).first(decodingColumn: "status", as: String.self) != "closed"
    }

    private func setPeriod(
        _ period: AccountingPeriod, closed: Bool, by actor: AuditActor, on db: any SQLDatabase
    ) async throws {
        try await ensureRow(period, on: db)
        let status = closed ? "closed" : "open"
        let changed = try await db.raw(
            """
            UPDATE ledger_periods SET status = \(bind: status), changed_at = \(bind: now.epochMicroseconds)
            WHERE period = \(bind: period.description) AND status <> \(bind: status) RETURNING period
            """
        ).first()
        if changed != nil {
            try await audit.record(
                closed ? "ledger.period_closed" : "ledger.period_reopened", by: actor,
                target: ("ledger_period", period.description), detail: [:], on: db)
        }
    }

    private func ensureRow(_ period: AccountingPeriod, on db: any SQLDatabase) async throws {
        try await db.raw(
            """
            INSERT INTO ledger_periods (period, status, changed_at)
            VALUES (\(bind: period.description), 'open', \(bind: now.epochMicroseconds)) ON CONFLICT DO NOTHING
            """
        ).run()
    }
}
