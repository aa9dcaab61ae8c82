import Flows
import Foundation
import Hummingbird
import Identity
import Ledger
import Persistence
import TorvCore

/// The console's finance area: the ledger's reports (profit and loss, balance sheet, trial balance,
/// VAT, cash flow, budget vs actual) as tables with a CSV download, and the lines behind any account
/// figure. Reading them takes `finance.read`, the accountant's permission, as in the admin API.
extension ConsolePages {
    func registerFinance(on router: Router<TorvRequestContext>) {
        router.get("/admin/finance") { _, _ in
            HTMLResponse.redirect(to: "/admin/finance/reports/\(FinanceReportKind.profitAndLoss.rawValue)")
        }
        router.get("/admin/finance/reports/:report") { request, context in
            await page(request, context, permission: .financeRead) { visit in
                try await financeReport(request, kind: context.parameters.get("report") ?? "", visit: visit)
            }
        }
        router.get("/admin/finance/reports/:report/csv") { request, context in
            await page(request, context, permission: .financeRead) { _ in
                try await financeReportCSV(request, kind: context.parameters.get("report") ?? "")
            }
        }
        router.get("/admin/finance/accounts/:account") { request, context in
            await page(request, context, permission: .financeRead) { visit in
                try await accountLedger(request, code: context.parameters.get("account") ?? "", visit: visit)
            }
        }
    }

    static let ledgerPageSize = 50

    private func reportRequest(_ request: Request, kind: String) throws -> FinanceReportRequest {
        guard let kind = FinanceReportKind(rawValue: kind) else {
            throw Problem.notFound(detail: "There is no such report.")
        }
        return FinanceReportRequest(
            kind: kind, query: FormData(urlEncoded: request.uri.query ?? ""), defaultCurrency: settings.currency,
            now: platform.clock.now())
    }

    private func financeReport(_ request: Request, kind: String, visit: StaffVisit) async throws -> Response {
        let asked = try reportRequest(request, kind: kind)
        let report = try await run(asked)
        let view = FinanceReportView(request: asked, report: report, settings: settings)
        return try render(
            "console-finance", title: asked.kind.title, section: .finance, view: view, visit: visit, request: request,
            status: asked.isValid ? .ok : .badRequest)
    }

    private func financeReportCSV(_ request: Request, kind: String) async throws -> Response {
        let asked = try reportRequest(request, kind: kind)
        guard let report = try await run(asked) else {
            throw Problem.badRequest(
                detail: [asked.currencyError, asked.fromError, asked.toError].compactMap { $0 }.joined(separator: " "))
        }
        let period = asked.kind.isAsOf ? asked.toText : "\(asked.fromText)_\(asked.toText)"
        return HTMLResponse.download(
            report.csv(), filename: "\(asked.kind.rawValue)_\(asked.currencyText)_\(period).csv")
    }

    /// The report asked for, or nil when the form has a mistake to mend first.
    private func run(_ asked: FinanceReportRequest) async throws -> FinanceReport? {
        guard asked.isValid, let currency = asked.currency, let until = asked.until else { return nil }
        let ledger = platform.ledger
        let from = asked.from
        return try await platform.database.read { db in
            switch asked.kind {
            case .profitAndLoss:
                try await ledger.profitAndLoss(currency: currency, from: from ?? until, to: until, on: db)
            case .balanceSheet: try await ledger.balanceSheet(currency: currency, asOf: until, on: db)
            case .trialBalance: try await ledger.trialBalanceReport(currency: currency, from: from, to: until, on: db)
            case .vat: try await ledger.vatReport(currency: currency, from: from ?? until, to: until, on: db)
            case .cashFlow: try await ledger.cashFlow(currency: currency, from: from ?? until, to: until, on: db)
            case .budgetVsActual:
                try await ledger.budgetVsActual(
                    currency: currency, from: AccountingPeriod(containing: from ?? until),
                    through: AccountingPeriod(containing: until.addingTimeInterval(-1)), on: db)
            }
        }
    }

    private func accountLedger(_ request: Request, code: String, visit: StaffVisit) async throws -> Response {
        let query = FormData(urlEncoded: request.uri.query ?? "")
        let asked = FinanceReportRequest(
            kind: .trialBalance, query: query, defaultCurrency: settings.currency, now: platform.clock.now())
        guard asked.isValid, let currency = asked.currency, let from = asked.from, let until = asked.until else {
            throw Problem.badRequest(
                detail: [asked.currencyError, asked.fromError, asked.toError].compactMap { $0 }.joined(separator: " "))
        }
        let ledger = platform.ledger
        let after = query["after"].map { String($0.prefix(200)) }
        let (account, page) = try await platform.database.read { db in
            guard let account = try await ledger.accounts(on: db).first(where: { $0.code == code }) else {
                throw Problem.notFound(detail: LedgerError.accountNotFound(code).message)
            }
            return (
                account,
                try await ledger.accountLedger(
                    code, currency: currency, from: from, to: until, after: after, limit: Self.ledgerPageSize, on: db)
            )
        }
        let view = AccountLedgerView(account: account, page: page, request: asked, settings: settings)
        return try render(
            "console-account-ledger", title: "\(account.code) \(account.name)", section: .finance, view: view,
            visit: visit, request: request)
    }
}

extension Permission {
    static let financeRead: Permission = "finance.read"
}
