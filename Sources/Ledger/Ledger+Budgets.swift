public import Foundation
public import Persistence
public import SQLKit
public import TorvCore

/// A budgeted amount for one account and month, in the direction the account grows (revenue as a
/// positive income, costs as a positive expense).
public struct BudgetLine: Sendable, Hashable, Codable {
    public let accountCode: String
    public let period: AccountingPeriod
    public let amount: Money

    public init(accountCode: String, period: AccountingPeriod, amount: Money) {
        self.accountCode = accountCode
        self.period = period
        self.amount = amount
    }
}

extension Ledger {
    /// Sets (replaces) budget lines; every line is checked first and nothing is written when one is bad.
    public func setBudget(_ lines: [BudgetLine], by actor: AuditActor, on db: any SQLDatabase) async throws {
        var validator = Validator()
        validator.check(
            !lines.isEmpty && lines.count <= 2_000, "/lines", "must hold 1 to 2000 lines", code: "invalid_lines")
        let known = Set(try await accounts(on: db).map(\.code))
        for (index, line) in lines.enumerated() {
            validator.check(
                known.contains(line.accountCode), "/lines/\(index)/account_code",
                LedgerError.accountNotFound(line.accountCode).message, code: "account_not_found")
            validator.check(
                abs(line.amount.amount) <= Self.maximumLineAmount, "/lines/\(index)/amount", "is too large",
                code: "amount_too_large")
        }
        try validator.finish()
        let now = self.now
        try await Savepoint.atomically("ledger_budget", on: db) {
            for line in lines {
                try await db.raw(
                    """
                    INSERT INTO ledger_budgets (account_code, currency, period, amount, updated_at)
                    VALUES (\(bind: line.accountCode), \(bind: line.amount.currency.code), \(bind: line.period.description),
                            \(bind: line.amount.amount), \(bind: now.epochMicroseconds))
                    ON CONFLICT (account_code, currency, period)
                    DO UPDATE SET amount = EXCLUDED.amount, updated_at = EXCLUDED.updated_at
                    """
                ).run()
            }
            try await audit.record(
                "ledger.budget_set", by: actor, target: ("ledger_budget", lines[0].period.description),
                detail: ["lines": "\(lines.count)"], on: db)
        }
    }

    /// Budget lines of the months `from` through `through`, in `currency`.
    public func budget(
        currency: Currency, from: AccountingPeriod, through: AccountingPeriod, on db: any SQLDatabase
    ) async throws -> [BudgetLine] {
        try await db.raw(
            """
            SELECT account_code, period, amount FROM ledger_budgets
            WHERE currency = \(bind: currency.code) AND period >= \(bind: from.description)
              AND period <= \(bind: through.description)
            ORDER BY period, account_code
            """
        ).all().compactMap { row in
            guard let period = AccountingPeriod(try row.string("period")) else { return nil }
            return BudgetLine(
                accountCode: try row.string("account_code"), period: period,
                amount: Money(minorUnits: try row.decode(column: "amount", as: Int64.self), currency: currency))
        }
    }

    /// Budget against actual for the months `from` through `through`.
    public func budgetVsActual(
        currency: Currency, from: AccountingPeriod, through: AccountingPeriod, on db: any SQLDatabase
    ) async throws -> FinanceReport {
        var budgets: [String: Int64] = [:]
        for line in try await budget(currency: currency, from: from, through: through, on: db) {
            budgets[line.accountCode, default: 0] += line.amount.amount
        }
        let end = through.next.start
        let figures = try await periodFigures(currency: currency, from: from.start, to: end, on: db)
        return ReportBuilder.budgetVsActual(
            accounts: try await accounts(on: db), budgets: budgets, movements: figures.mapValues(\.movement),
            currency: currency, from: from.start, to: end)
    }
}
