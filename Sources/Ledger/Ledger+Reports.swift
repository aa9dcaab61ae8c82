public import Foundation
import Persistence
public import SQLKit
public import TorvCore

/// The reports, each one or two aggregate queries over the covering index
/// `ledger_lines (currency, account_code, posting_date, amount)` and a pure ``ReportBuilder``.
/// `+posting_date` keeps SQLite on that index's order (grouping as it scans) instead of a date range
/// search that would need a temporary sort; PostgreSQL reads it the same way.
extension Ledger {
    /// Each account's opening balance before `from` and its debits and credits from `from` until `to`.
    /// The opening is the closed months' stored totals plus the lines after them; the period's lines
    /// are read once, as their net and their absolute sum (debits are half their sum, since a debit
    /// adds twice and a credit nothing), with no per-line condition.
    public func periodFigures(
        currency: Currency, from: Date?, to: Date, on db: any SQLDatabase
    ) async throws -> [String: PeriodFigures] {
        var figures: [String: PeriodFigures] = [:]
        if let from {
            let closed = try await closedTotalsBoundary(before: from, on: db)
            var opening = try await closedTotals(currency: currency, through: closed, on: db)
            // A seek per account: cheap when the period starts early, no dearer than a scan otherwise.
            for (account, sum) in try await lineSums(
                currency: currency, from: closed?.next.start, to: from, absolute: false, on: db)
            {
                opening[account, default: 0] += sum.net
            }
            for (account, balance) in opening { figures[account] = PeriodFigures(opening: balance) }
        }
        for (account, sum) in try await rangeSums(currency: currency, from: from, to: to, on: db) {
            figures[account, default: PeriodFigures()].debits = sum.debits
            figures[account, default: PeriodFigures()].credits = sum.net - sum.debits
        }
        return figures
    }

    /// Net and debits per account from `from` until `to`: closed months wholly inside the range from
    /// their stored totals, the rest (open months, a partial first month) from their lines.
    func rangeSums(
        currency: Currency, from: Date?, to: Date, on db: any SQLDatabase
    ) async throws -> [String: (net: Int64, debits: Int64)] {
        var result: [String: (net: Int64, debits: Int64)] = [:]
        var lineRanges: [(Date?, Date)] = [(from, to)]
        if let last = try await closedTotalsBoundary(before: to, on: db) {
            var first = from.map { AccountingPeriod(containing: $0) }
            if let month = first, let from, month.start < from { first = month.next }
            if first.map({ $0 <= last }) ?? true {
                var condition: SQLQueryString = "period <= \(bind: last.description)"
                if let first { condition = condition + " AND period >= \(bind: first.description)" }
                let rows = try await db.raw(
                    """
                    SELECT account_code, CAST(SUM(net) AS BIGINT) AS net, CAST(SUM(debits) AS BIGINT) AS debits
                    FROM ledger_period_totals WHERE currency = \(bind: currency.code) AND
                    """ + " " + condition + " GROUP BY account_code"
                ).all()
                for row in rows {
                    result[try row.string("account_code")] = (
                        try row.decode(column: "net", as: Int64.self), try row.decode(column: "debits", as: Int64.self)
                    )
                }
                lineRanges = []
                if let from, let first, from < first.start { lineRanges.append((from, first.start)) }
                if last.next.start < to { lineRanges.append((last.next.start, to)) }
            }
        }
        for (lower, upper) in lineRanges {
            for (account, sum) in try await lineSums(currency: currency, from: lower, to: upper, absolute: true, on: db)
            {
                let debits = (sum.net + sum.absolute) / 2
                let current = result[account] ?? (0, 0)
                result[account] = (current.net + sum.net, current.debits + debits)
            }
        }
        return result
    }

    /// Each account's balance from all lines dated before `date`. Closed months count by the totals
    /// stored when they closed (nothing posts into a closed month), so a shop that closes its months
    /// sums one month of lines; with no month closed, one scan of the lines.
    public func balances(currency: Currency, before date: Date, on db: any SQLDatabase) async throws -> [String: Int64]
    {
        guard let closed = try await closedTotalsBoundary(before: date, on: db) else {
            return try await movements(currency: currency, from: nil, to: date, on: db)
        }
        var balances = try await closedTotals(currency: currency, through: closed, on: db)
        for (account, sum) in try await lineSums(
            currency: currency, from: closed.next.start, to: date, absolute: false, on: db)
        {
            balances[account, default: 0] += sum.net
        }
        return balances
    }

    /// What the closed months up to `period` moved per account (empty for nil).
    func closedTotals(
        currency: Currency, through period: AccountingPeriod?, on db: any SQLDatabase
    ) async throws -> [String: Int64] {
        guard let period else { return [:] }
        var totals: [String: Int64] = [:]
        let rows = try await db.raw(
            """
            SELECT account_code, CAST(SUM(net) AS BIGINT) AS net FROM ledger_period_totals
            WHERE currency = \(bind: currency.code) AND period <= \(bind: period.description)
            GROUP BY account_code
            """
        ).all()
        for row in rows { totals[try row.string("account_code")] = try row.decode(column: "net", as: Int64.self) }
        return totals
    }

    /// Net (and, when asked, absolute) sums per account of the lines dated from `from` until `to`.
    /// Naming the accounts lets both backends seek each account's date range in the covering index
    /// (measured: without it a range with no lines still scans every line).
    func lineSums(
        currency: Currency, from: Date?, to: Date, absolute: Bool, on db: any SQLDatabase
    ) async throws -> [String: (net: Int64, absolute: Int64)] {
        let codes = try await accounts(on: db).map(\.code)
        guard !codes.isEmpty else { return [:] }
        var range: SQLQueryString = "posting_date < \(bind: to.epochMicroseconds)"
        if let from { range = range + " AND posting_date >= \(bind: from.epochMicroseconds)" }
        let absoluteSum: SQLQueryString = absolute ? "CAST(SUM(ABS(amount)) AS BIGINT)" : "0"
        let rows = try await db.raw(
            "SELECT account_code, CAST(SUM(amount) AS BIGINT) AS net, " + absoluteSum
                + " AS absolute FROM ledger_lines WHERE currency = \(bind: currency.code) AND account_code IN (\(binds: codes)) AND "
                + range + " GROUP BY account_code"
        ).all()
        var result: [String: (net: Int64, absolute: Int64)] = [:]
        for row in rows {
            result[try row.string("account_code")] = (
                try row.decode(column: "net", as: Int64.self), try row.decode(column: "absolute", as: Int64.self)
            )
        }
        return result
    }

    /// The net of each account's lines dated from `from` until `to`: one sum per line, the cheapest
    /// aggregate, for reports that need no split (P&L movements).
    public func movements(
        currency: Currency, from: Date?, to: Date, on db: any SQLDatabase
    ) async throws -> [String: Int64] {
        // SQLite: `+` keeps the scan on the covering index's order; PostgreSQL plans the plain column best
        // (measured: a sequential scan with a hash aggregate).
        let date: SQLQueryString = db.backend == .sqlite ? "+posting_date" : "posting_date"
        var range: SQLQueryString = date + " < \(bind: to.epochMicroseconds)"
        if let from { range = range + " AND " + date + " >= \(bind: from.epochMicroseconds)" }
        let rows = try await db.raw(
            "SELECT account_code, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines WHERE currency = \(bind: currency.code) AND "
                + range + " GROUP BY account_code"
        ).all()
        var totals: [String: Int64] = [:]
        for row in rows { totals[try row.string("account_code")] = try row.decode(column: "total", as: Int64.self) }
        return totals
    }

    public func trialBalanceReport(
        currency: Currency, from: Date?, to: Date, on db: any SQLDatabase
    ) async throws -> FinanceReport {
        ReportBuilder.trialBalance(
            accounts: try await accounts(on: db),
            figures: try await periodFigures(currency: currency, from: from, to: to, on: db), currency: currency,
            from: from, to: to)
    }

    public func profitAndLoss(
        currency: Currency, from: Date, to: Date, on db: any SQLDatabase
    ) async throws -> FinanceReport {
        ReportBuilder.profitAndLoss(
            accounts: try await accounts(on: db),
            figures: try await profitAndLossMovements(currency: currency, from: from, to: to, on: db).mapValues {
                PeriodFigures(debits: $0)
            }, currency: currency, from: from, to: to)
    }

    /// The P&L's movements: from closed months' totals where there are any in the range, else one scan.
    func profitAndLossMovements(
        currency: Currency, from: Date, to: Date, on db: any SQLDatabase
    ) async throws -> [String: Int64] {
        guard try await closedTotalsBoundary(before: to, on: db) != nil else {
            return try await movements(currency: currency, from: from, to: to, on: db)
        }
        return try await rangeSums(currency: currency, from: from, to: to, on: db).mapValues(\.net)
    }

    public func balanceSheet(currency: Currency, asOf: Date, on db: any SQLDatabase) async throws -> FinanceReport {
        ReportBuilder.balanceSheet(
            accounts: try await accounts(on: db),
            closing: try await balances(currency: currency, before: asOf, on: db), currency: currency,
            asOf: asOf)
    }

    /// Cash and cash equivalents (accounts flagged as cash) explained by what was on the other side of
    /// each entry that moved them.
    public func cashFlow(currency: Currency, from: Date, to: Date, on db: any SQLDatabase) async throws -> FinanceReport
    {
        let accounts = try await accounts(on: db)
        let cash = accounts.filter(\.isCash).map(\.code)
        guard !cash.isEmpty else {
            return ReportBuilder.cashFlow(
                accounts: accounts, openingCash: 0, counterFlows: [:], currency: currency, from: from, to: to)
        }
        let opening =
            try await db.raw(
                """
                SELECT CAST(COALESCE(SUM(amount), 0) AS BIGINT) AS total FROM ledger_lines
                WHERE currency = \(bind: currency.code) AND account_code IN (\(binds: cash))
                  AND posting_date < \(bind: from.epochMicroseconds)
                """
            ).first(decodingColumn: "total", as: Int64.self) ?? 0
        // Within an entry the other lines mirror the cash lines, so their negated sum is the cash they moved.
        let rows = try await db.raw(
            """
            SELECT l.account_code, CAST(-SUM(l.amount) AS BIGINT) AS flow FROM ledger_lines l
            WHERE l.currency = \(bind: currency.code) AND l.account_code NOT IN (\(binds: cash))
              AND l.entry_id IN (
                SELECT c.entry_id FROM ledger_lines c
                WHERE c.currency = \(bind: currency.code) AND c.account_code IN (\(binds: cash))
                  AND c.posting_date >= \(bind: from.epochMicroseconds) AND c.posting_date < \(bind: to.epochMicroseconds))
            GROUP BY l.account_code
            """
        ).all()
        var flows: [String: Int64] = [:]
        for row in rows { flows[try row.string("account_code")] = try row.decode(column: "flow", as: Int64.self) }
        return ReportBuilder.cashFlow(
            accounts: accounts, openingCash: opening, counterFlows: flows, currency: currency, from: from, to: to)
    }

    /// Bases and VAT per rate in the period, from the lines tagged with their rate.
    public func vatReport(
        currency: Currency, from: Date, to: Date, on db: any SQLDatabase
    ) async throws -> FinanceReport {
        let rows = try await db.raw(
            """
            SELECT vat_rate, account_code, CAST(SUM(amount) AS BIGINT) AS total FROM ledger_lines
            WHERE currency = \(bind: currency.code) AND vat_rate IS NOT NULL
              AND posting_date >= \(bind: from.epochMicroseconds) AND posting_date < \(bind: to.epochMicroseconds)
            GROUP BY vat_rate, account_code
            """
        ).all()
        let lines = try rows.map { row in
            ReportBuilder.VATLine(
                rate: try row.decode(column: "vat_rate", as: Int.self), accountCode: try row.string("account_code"),
                amount: try row.decode(column: "total", as: Int64.self))
        }
        return ReportBuilder.vat(
            accounts: try await accounts(on: db), lines: lines, outputAccount: DefaultChart.vatPayable,
            inputAccount: DefaultChart.vatReceivable, currency: currency, from: from, to: to)
    }
}
