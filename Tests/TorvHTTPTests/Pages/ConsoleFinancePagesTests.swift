import Flows
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Ledger
import Persistence
import TestSupport
import Testing
import TorvCore

@testable import TorvHTTP

/// The console's finance pages: the ledger's reports as tables and CSV, the lines behind an account,
/// mistakes in the period form shown beside the field, and who may read them.
@Suite("Console finance pages")
struct ConsoleFinancePagesTests {
    static func money(_ minor: Int64) -> String {
        Money(minorUnits: minor, currency: .eur).formatted(locale: Locale(identifier: "en_IE"))
    }

    @Test(
        "an accountant reads profit and loss, balance sheet, trial balance and VAT, downloads CSV and follows a figure to its order",
        arguments: TestBackend.allCases)
    func reports(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { env, platform, client in
            env.clock.advance(by: 60)
            _ = try await FinanceHTTPTests.paidOrder(on: platform)
            let accountant = try await ConsoleBrowser.signIn(
                "books@shop.example", roles: ["accountant"], on: platform, client: client)
            let today = FinanceHTTPTests.day(env.clock.now)
            let range = "currency=EUR&from=\(today)&to=\(today)"
            let start = try #require(FinanceReportRequest.day(today))
            let end = start.addingTimeInterval(86_400)
            let ledger = platform.ledger
            let (pnl, sheet, trial, vat) = try await platform.database.read { db in
                (
                    try await ledger.profitAndLoss(currency: .eur, from: start, to: end, on: db),
                    try await ledger.balanceSheet(currency: .eur, asOf: end, on: db),
                    try await ledger.trialBalanceReport(currency: .eur, from: start, to: end, on: db),
                    try await ledger.vatReport(currency: .eur, from: start, to: end, on: db)
                )
            }

            let first = try await accountant.get("/admin/finance")
            #expect(first.status == .seeOther)
            #expect(first.location == "/admin/finance/reports/profit-and-loss")

            let pnlPage = try await accountant.get("/admin/finance/reports/profit-and-loss?\(range)")
            #expect(pnlPage.status == .ok)
            #expect(
                pnlPage.text.contains("href=\"/admin/finance\" aria-current=\"page\""), "the navigation marks Finance")
            let revenue = try #require(pnl.summary["revenue"])
            #expect(revenue > 0)
            #expect(pnlPage.text.contains("Revenue</span><span class=\"figure-value\">\(Self.money(revenue))<"))
            // Two tees and a mug at cost, as the books' own test works it out.
            #expect(
                pnlPage.text.contains("Gross profit</span><span class=\"figure-value\">\(Self.money(revenue - 1950))<"))
            let revenueRow = try #require(pnl.sections.first?.rows.first { $0.accountCode != nil })
            let code = try #require(revenueRow.accountCode)
            #expect(pnlPage.text.contains("<span class=\"account-code\">\(code)</span> \(revenueRow.label)</a>"))

            let sheetPage = try await accountant.get("/admin/finance/reports/balance-sheet?currency=EUR&to=\(today)")
            #expect(sheetPage.status == .ok)
            #expect(sheet.summary["difference"] == 0)
            #expect(sheetPage.text.contains("Difference</span><span class=\"figure-value\">\(Self.money(0))<"))
            #expect(!sheetPage.text.contains("id=\"report-from\""), "a balance sheet is as of a day")

            let trialPage = try await accountant.get("/admin/finance/reports/trial-balance?\(range)")
            let debits = try #require(trial.sections.first?.subtotal["debits"])
            #expect(debits > 0)
            #expect(trialPage.text.contains("<tr class=\"subtotal\">"))
            #expect(trialPage.text.contains(">\(Self.money(debits))<"), "the total of debits")

            let vatPage = try await accountant.get("/admin/finance/reports/vat?\(range)")
            let payable = try #require(vat.summary["net_vat_payable"])
            #expect(payable > 0)
            #expect(vatPage.text.contains("Net VAT payable</span><span class=\"figure-value\">\(Self.money(payable))<"))

            let csv = try await accountant.get("/admin/finance/reports/vat/csv?\(range)")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"vat_EUR_\(today)_\(today).csv\"")
            #expect(csv.text == vat.csv())

            let lines = try await platform.database.read { db in
                try await ledger.accountLedger(
                    code, currency: .eur, from: start, to: end, after: nil, limit: 10, on: db)
            }
            let order = try #require(lines.lines.first?.document)
            #expect(order.type == "order")
            let accountPage = try await accountant.get("/admin/finance/accounts/\(code)?\(range)")
            #expect(accountPage.status == .ok, "\(accountPage.text)")
            #expect(accountPage.text.contains("<a href=\"/admin/orders/\(order.id)\">Order \(order.id)</a>"))
            #expect(accountPage.text.contains("id=\"opening-balance\">\(Self.money(lines.opening.amount))<"))

            let missing = try await accountant.get("/admin/finance/accounts/9999-none?\(range)")
            #expect(missing.status == .notFound)
        }
    }

    @Test("a mistake in the period is shown beside its field, and no report is run", arguments: TestBackend.allCases)
    func badPeriod(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let accountant = try await ConsoleBrowser.signIn(
                "books@shop.example", roles: ["accountant"], on: platform, client: client)
            let impossible = try await accountant.get(
                "/admin/finance/reports/profit-and-loss?currency=EUR&from=2026-02-30&to=2026-03-01")
            #expect(impossible.status == .badRequest)
            #expect(impossible.text.contains("id=\"report-from-error\">Enter a date like 2026-11-01.<"))
            #expect(impossible.text.contains("value=\"2026-02-30\""), "what was typed stays in the field")
            #expect(!impossible.text.contains("id=\"report-table\""))

            let backwards = try await accountant.get(
                "/admin/finance/reports/vat?currency=eur&from=2026-03-02&to=2026-03-01")
            #expect(backwards.status == .badRequest)
            #expect(backwards.text.contains("The last day must not be before the first."))
            #expect(backwards.text.contains("value=\"EUR\""))

            let currency = try await accountant.get("/admin/finance/reports/vat/csv?currency=XX1&from=2026-03-01")
            #expect(currency.status == .badRequest)
            #expect(currency.headers[.contentDisposition] == nil)

            #expect(try await accountant.get("/admin/finance/reports/goodwill").status == .notFound)
        }
    }

    @Test(
        "shop staff without finance.read are refused and do not see Finance; strangers are sent to sign in",
        arguments: TestBackend.allCases)
    func refusals(backend: TestBackend) async throws {
        try await withTestApp(on: backend) { _, platform, client in
            let dock = try await ConsoleBrowser.signIn(
                "dock@shop.example", roles: ["warehouse"], on: platform, client: client)
            for path in [
                "/admin/finance/reports/profit-and-loss", "/admin/finance/reports/vat/csv",
                "/admin/finance/accounts/1000",
            ] {
                let refused = try await dock.get(path)
                #expect(refused.status == .forbidden, "\(path)")
                #expect(!refused.text.contains("href=\"/admin/finance\""), "the navigation hides Finance")
            }
            let stranger = ConsoleBrowser(client: client, session: nil)
            let redirected = try await stranger.get("/admin/finance/reports/trial-balance")
            #expect(redirected.status == .seeOther)
            #expect(redirected.location?.hasPrefix("/admin/login?next=") == true)
        }
    }
}
