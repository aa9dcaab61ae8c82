import Flows
import Foundation
import Ledger
import OpenAPIRuntime
import Persistence
import TorvAPI
import TorvCore

/// Finance reports as JSON or CSV (`format=csv`), and the account ledger behind any figure.
/// Dates are whole UTC days; `to` is inclusive.
extension APIHandlers {
    func getTrialBalance(_ input: Operations.GetTrialBalance.Input) async throws -> Operations.GetTrialBalance.Output {
        let currency = try Self.currency(input.query.currency, at: "/currency")
        let from = try input.query.from.map { try Self.day($0, name: "from") }
        let to = try Self.day(input.query.to, name: "to").addingTimeInterval(86_400)
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.trialBalanceReport(currency: currency, from: from, to: to, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getProfitAndLoss(_ input: Operations.GetProfitAndLoss.Input) async throws -> Operations.GetProfitAndLoss.Output
    {
        let (currency, from, to) = try Self.range(input.query.currency, input.query.from, input.query.to)
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.profitAndLoss(currency: currency, from: from, to: to, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getBalanceSheet(_ input: Operations.GetBalanceSheet.Input) async throws -> Operations.GetBalanceSheet.Output {
        let currency = try Self.currency(input.query.currency, at: "/currency")
        let asOf = try Self.day(input.query.asOf, name: "as_of").addingTimeInterval(86_400)
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.balanceSheet(currency: currency, asOf: asOf, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getCashFlow(_ input: Operations.GetCashFlow.Input) async throws -> Operations.GetCashFlow.Output {
        let (currency, from, to) = try Self.range(input.query.currency, input.query.from, input.query.to)
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.cashFlow(currency: currency, from: from, to: to, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getVATReport(_ input: Operations.GetVATReport.Input) async throws -> Operations.GetVATReport.Output {
        let (currency, from, to) = try Self.range(input.query.currency, input.query.from, input.query.to)
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.vatReport(currency: currency, from: from, to: to, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getBudgetVsActual(
        _ input: Operations.GetBudgetVsActual.Input
    ) async throws
        -> Operations.GetBudgetVsActual.Output
    {
        let currency = try Self.currency(input.query.currency, at: "/currency")
        let from = try Self.period(input.query.fromPeriod, name: "from_period")
        let through = try Self.period(input.query.throughPeriod, name: "through_period")
        guard from <= through else {
            throw RequestError.invalidParameter(name: "through_period", message: "must not be before from_period")
        }
        let ledger = platform.ledger
        let report = try await platform.database.read { db in
            try await ledger.budgetVsActual(currency: currency, from: from, through: through, on: db)
        }
        return .ok(Self.reportBody(report, csv: input.query.format == .csv))
    }

    func getAccountLedger(_ input: Operations.GetAccountLedger.Input) async throws -> Operations.GetAccountLedger.Output
    {
        let (currency, from, to) = try Self.range(input.query.currency, input.query.from, input.query.to)
        let ledger = platform.ledger
        let account = input.query.account
        let cursor = input.query.cursor
        let limit = input.query.limit ?? 100
        let page = try await platform.database.read { db in
            try await ledger.accountLedger(
                account, currency: currency, from: from, to: to, after: cursor, limit: limit, on: db)
        }
        return .ok(
            .init(
                body: .json(
                    .init(
                        accountCode: page.accountCode, currency: currency.code, opening: .init(page.opening),
                        nextCursor: page.nextCursor,
                        lines: page.lines.map { line in
                            .init(
                                entryId: line.entryID.rawValue, lineNo: line.lineNumber, postingDate: line.postingDate,
                                sourceKey: line.sourceKey, description: line.description,
                                documentType: line.document?.type, documentId: line.document?.id,
                                amount: .init(line.amount), balance: .init(line.balance), vatRate: line.vatRate,
                                memo: line.memo)
                        }))))
    }

    func setBudget(_ input: Operations.SetBudget.Input) async throws -> Operations.SetBudget.Output {
        guard case .json(let body) = input.body else { throw RequestError.unsupportedBody }
        let actor = try actor()
        let lines = try body.lines.enumerated().map { index, line in
            guard let period = AccountingPeriod(line.period) else {
                throw ValidationError([
                    FieldError(
                        pointer: "/lines/\(index)/period", message: "must be a month like 2026-11",
                        code: "invalid_period")
                ])
            }
            return BudgetLine(
                accountCode: line.accountCode, period: period,
                amount: try Self.money(line.amount, at: "/lines/\(index)/amount"))
        }
        let ledger = platform.ledger
        try await platform.database.inTransaction { db in try await ledger.setBudget(lines, by: actor, on: db) }
        return .noContent(.init())
    }

    static func range(_ currency: String, _ from: String, _ to: String) throws -> (Currency, Date, Date) {
        let start = try day(from, name: "from")
        let end = try day(to, name: "to").addingTimeInterval(86_400)
        guard start < end else { throw RequestError.invalidParameter(name: "to", message: "must not be before from") }
        return (try Self.currency(currency, at: "/currency"), start, end)
    }

    static func reportBody(_ report: FinanceReport, csv: Bool) -> Components.Responses.FinanceReport {
        if csv { return .init(body: .csv(HTTPBody(report.csv()))) }
        return .init(body: .json(.init(report)))
    }
}

/// The ledger's report, named apart from the API schema of the same name.
typealias LedgerReport = FinanceReport

extension Components.Schemas.FinanceReport {
    init(_ report: LedgerReport) {
        self.init(
            report: .init(rawValue: report.kind) ?? .trialBalance, title: report.title, currency: report.currency.code,
            from: report.from, to: report.to, columns: report.columns.map { .init(key: $0.key, title: $0.title) },
            sections: report.sections.map { section in
                .init(
                    key: section.key, title: section.title,
                    rows: section.rows.map { row in
                        .init(
                            accountCode: row.accountCode, vatRate: row.vatRate, label: row.label,
                            values: .init(additionalProperties: row.values))
                    }, subtotal: .init(additionalProperties: section.subtotal))
            }, summary: .init(additionalProperties: report.summary))
    }
}
