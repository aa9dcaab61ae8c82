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
            try await keepTotals(of: period, closed: closed, on: db)
            try await audit.record(
                closed ? "ledger.period_closed" : "ledger.period_reopened", by: actor,
                target: ("ledger_period", period.description), detail: [:], on: db)
        }
    }

    /// On close, the month's net per currency and account (the close waited for postings in flight, so
    /// every line of the month is committed and visible); on reopen, the totals go.
    private func keepTotals(of period: AccountingPeriod, closed: Bool, on db: any SQLDatabase) async throws {
        let name = period.description
        try await db.raw("DELETE FROM ledger_period_totals WHERE period = \(bind: name)").run()
        guard closed else {
            try await db.raw("UPDATE ledger_periods SET totals_at = NULL WHERE period = \(bind: name)").run()
            return
        }
        let codes = try await accounts(on: db).map(\.code)
        if !codes.isEmpty {
            try await db.raw(
                """
                INSERT INTO ledger_period_totals (period, currency, account_code, net, debits)
                SELECT CAST(\(bind: name) AS TEXT), currency, account_code, CAST(SUM(amount) AS BIGINT),
                       CAST((SUM(amount) + SUM(ABS(amount))) / 2 AS BIGINT)
                FROM ledger_lines
                WHERE account_code IN (\(binds: codes)) AND posting_date >= \(bind: period.start.epochMicroseconds)
                  AND posting_date < \(bind: period.next.start.epochMicroseconds)
                GROUP BY currency, account_code
                """
            ).run()
        }
        try await db.raw(
            "UPDATE ledger_periods SET totals_at = \(bind: now.epochMicroseconds) WHERE period = \(bind: name)"
        ).run()
    }

    /// The end of the run of closed months, from the first month the ledger knows, that end by `date`
    /// and have their totals; nil when the first month is open. Lines before that point are summed
    /// from the totals, lines after it one by one.
    func closedTotalsBoundary(before date: Date, on db: any SQLDatabase) async throws -> AccountingPeriod? {
        let rows = try await db.raw(
            "SELECT period, status, totals_at FROM ledger_periods ORDER BY period"
        ).all()
        var last: AccountingPeriod?
        for row in rows {
            guard let period = AccountingPeriod(try row.string("period")), try row.string("status") == "closed",
                try row.decodeNil(column: "totals_at") == false, period.next.start <= date,
                last.map({ $0.next == period }) ?? true
            else { break }
            last = period
        }
        return last
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
