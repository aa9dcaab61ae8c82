import Flows
import Foundation
import Ledger
import Persistence
import SQLKit
import TestSupport
import Testing
import TorvCore

@Suite("Finance reports")
struct ReportTests {
    static let actor = AuditActor(kind: "staff", id: "stf_accountant")
    typealias Chart = DefaultChart

    static func post(
        _ key: String, _ lines: [JournalLine], at date: Date, ledger: Ledger, env: TestEnvironment
    ) async throws {
        try await env.database.inTransaction { db in
            _ = try await ledger.post(
                NewJournalEntry(
                    sourceKey: key, postingDate: date, description: key, lines: lines,
                    document: SourceDocument(type: "test", id: key)), on: db)
        }
    }

    /// A month of a small shop: owner's capital, stock bought, a card sale at 25 % with its cost, a
    /// book sale at 6 %, a refund, card fees, and the provider paying out to the bank.
    static func month(ledger: Ledger, env: TestEnvironment, start: Date) async throws {
        let day = 86_400.0
        let book: [(String, [JournalLine])] = [
            ("capital", [.debit(Chart.bank, .eur(100_000)), .credit(Chart.equity, .eur(100_000))]),
            ("stock", [.debit(Chart.inventory, .eur(40_000)), .credit(Chart.bank, .eur(40_000))]),
            (
                "sale-1",
                [
                    .debit(Chart.paymentClearing, .eur(12_500)), .credit(Chart.sales, .eur(10_000), vatRate: 2_500),
                    .credit(Chart.vatPayable, .eur(2_500), vatRate: 2_500),
                ]
            ),
            ("cogs-1", [.debit(Chart.costOfGoods, .eur(4_000)), .credit(Chart.inventory, .eur(4_000))]),
            (
                "sale-2",
                [
                    .debit(Chart.paymentClearing, .eur(5_300)), .credit(Chart.sales, .eur(5_000), vatRate: 600),
                    .credit(Chart.vatPayable, .eur(300), vatRate: 600),
                ]
            ),
            (
                "refund-1",
                [
                    .debit(Chart.refunds, .eur(1_000), vatRate: 2_500),
                    .debit(Chart.vatPayable, .eur(250), vatRate: 2_500),
                    .credit(Chart.paymentClearing, .eur(1_250)),
                ]
            ),
            ("fees", [.debit(Chart.paymentFees, .eur(300)), .credit(Chart.paymentClearing, .eur(300))]),
            ("payout", [.debit(Chart.bank, .eur(16_000)), .credit(Chart.paymentClearing, .eur(16_000))]),
        ]
        for (index, (key, lines)) in book.enumerated() {
            try await post(key, lines, at: start.addingTimeInterval(Double(index) * day), ledger: ledger, env: env)
        }
    }

    @Test(
        "P&L, balance sheet, cash flow, VAT and trial balance of a month agree with each other",
        arguments: TestBackend.allCases)
    func monthOfReports(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let start = AccountingPeriod(containing: env.clock.now).start
            try await Self.month(ledger: ledger, env: env, start: start)
            let end = start.addingTimeInterval(31 * 86_400)
            let (pnl, sheet, cash, vat, trial) = try await env.database.read { db in
                (
                    try await ledger.profitAndLoss(currency: .eur, from: start, to: end, on: db),
                    try await ledger.balanceSheet(currency: .eur, asOf: end, on: db),
                    try await ledger.cashFlow(currency: .eur, from: start, to: end, on: db),
                    try await ledger.vatReport(currency: .eur, from: start, to: end, on: db),
                    try await ledger.trialBalanceReport(currency: .eur, from: start, to: end, on: db)
                )
            }
            // Revenue 15 000 less the 1 000 refund; goods cost 4 000; fees 300.
            #expect(pnl.summary == ["revenue": 14_000, "gross_profit": 10_000, "net_result": 9_700])
            #expect(sheet.summary["difference"] == 0)
            #expect(sheet.summary["result"] == 9_700)
            // Bank 76 000 (capital less stock plus the payout), clearing 250, stock 36 000.
            let assets: Int64 = 76_000 + 250 + 36_000
            #expect(sheet.summary["total_assets"] == assets)
            // Cash = bank and clearing: 100 000 in, 40 000 out for stock, sales less refund and fees.
            #expect(cash.summary["opening_cash"] == 0)
            let closingCash: Int64 = 100_000 - 40_000 + 12_500 + 5_300 - 1_250 - 300
            #expect(cash.summary["closing_cash"] == closingCash)
            let financing = cash.sections.first { $0.key == "financing" }?.subtotal["amount"]
            #expect(financing == 100_000)
            let netVAT: Int64 = 2_500 + 300 - 250
            #expect(vat.summary["net_vat_payable"] == netVAT)
            let standard = try #require(vat.sections[0].rows.first { $0.vatRate == 2_500 })
            #expect(standard.values["sales_base"] == 9_000)
            #expect(standard.values["output_vat"] == 2_250)
            #expect(trial.summary["closing_total"] == 0)
            #expect(trial.summary["debits_minus_credits"] == 0)
            let csv = vat.csv()
            #expect(
                csv.hasPrefix("section,account_code,vat_rate,label,sales_base,output_vat,purchase_base,input_vat\r\n"))
            #expect(csv.contains("rates,,2500,25.00 %,90.00,22.50,0.00,0.00\r\n"))
        }
    }

    @Test(
        "an account's ledger pages with a running balance that continues across pages", arguments: TestBackend.allCases)
    func accountLedgerPages(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let start = AccountingPeriod(containing: env.clock.now).start
            try await Self.month(ledger: ledger, env: env, start: start)
            let end = start.addingTimeInterval(31 * 86_400)
            var cursor: String?
            var lines: [AccountLedgerLine] = []
            repeat {
                let page = try await env.database.read { [cursor] db in
                    try await ledger.accountLedger(
                        Chart.paymentClearing, currency: .eur, from: start, to: end, after: cursor, limit: 2, on: db)
                }
                if cursor == nil { #expect(page.opening == .eur(0)) }
                lines += page.lines
                cursor = page.nextCursor
            } while cursor != nil
            #expect(lines.map(\.sourceKey) == ["sale-1", "sale-2", "refund-1", "fees", "payout"])
            #expect(lines.last?.balance == .eur(12_500 + 5_300 - 1_250 - 300 - 16_000))
            #expect(lines.first?.document == SourceDocument(type: "test", id: "sale-1"))
            await #expect(throws: ValidationError.self) {
                try await env.database.read { db in
                    try await ledger.accountLedger(
                        Chart.bank, currency: .eur, from: start, to: end, after: "nonsense", limit: 2, on: db)
                }
            }
        }
    }

    @Test(
        "budgets replace per account and month; budget against actual reads in the account's direction",
        arguments: TestBackend.allCases)
    func budgets(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let month = AccountingPeriod(containing: env.clock.now)
            try await Self.month(ledger: ledger, env: env, start: month.start)
            try await env.database.inTransaction { db in
                try await ledger.setBudget(
                    [
                        BudgetLine(accountCode: Chart.sales, period: month, amount: .eur(20_000)),
                        BudgetLine(accountCode: Chart.paymentFees, period: month, amount: .eur(500)),
                    ], by: Self.actor, on: db)
                try await ledger.setBudget(
                    [BudgetLine(accountCode: Chart.sales, period: month, amount: .eur(12_000))], by: Self.actor, on: db)
            }
            let report = try await env.database.read { db in
                try await ledger.budgetVsActual(currency: .eur, from: month, through: month, on: db)
            }
            let sales = try #require(report.sections[0].rows.first { $0.accountCode == Chart.sales })
            #expect(sales.values == ["budget": 12_000, "actual": 15_000, "variance": 3_000, "variance_bp": 2_500])
            let fees = try #require(report.sections[0].rows.first { $0.accountCode == Chart.paymentFees })
            #expect(fees.values["variance"] == -200)
            await #expect(throws: ValidationError.self) {
                try await env.database.inTransaction { db in
                    try await ledger.setBudget(
                        [BudgetLine(accountCode: "9999", period: month, amount: .eur(1))], by: Self.actor, on: db)
                }
            }
        }
    }

    @Test("for random balanced books every report's identities hold", arguments: TestBackend.allCases)
    func randomBooks(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let codes = DefaultChart.accounts.map(\.code)
            var state: UInt64 = 42
            func roll(_ below: Int) -> Int {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Int((state >> 33) % UInt64(below))
            }
            let start = AccountingPeriod(containing: env.clock.now).start
            for number in 0..<40 {
                var lines: [JournalLine] = []
                var total: Int64 = 0
                for _ in 0..<(1 + roll(3)) {
                    let amount = Int64(1 + roll(50_000)) * (roll(2) == 0 ? 1 : -1)
                    lines.append(JournalLine(accountCode: codes[roll(codes.count)], amount: .eur(amount)))
                    total += amount
                }
                if total != 0 { lines.append(JournalLine(accountCode: codes[roll(codes.count)], amount: .eur(-total))) }
                guard lines.count >= 2, lines.allSatisfy({ !$0.amount.isZero }) else { continue }
                try await Self.post(
                    "random-\(number)", lines, at: start.addingTimeInterval(Double(roll(60)) * 86_400), ledger: ledger,
                    env: env)
            }
            let middle = start.addingTimeInterval(30 * 86_400)
            let end = start.addingTimeInterval(61 * 86_400)
            try await env.database.read { db in
                let trial = try await ledger.trialBalanceReport(currency: .eur, from: middle, to: end, on: db)
                #expect(trial.summary["closing_total"] == 0)
                let sheet = try await ledger.balanceSheet(currency: .eur, asOf: end, on: db)
                #expect(sheet.summary["difference"] == 0)
                let pnl = try await ledger.profitAndLoss(
                    currency: .eur, from: Date(timeIntervalSince1970: 0), to: end, on: db)
                #expect(pnl.summary["net_result"] == sheet.summary["result"])
                let cash = try await ledger.cashFlow(currency: .eur, from: middle, to: end, on: db)
                let balances = try await ledger.trialBalance(currency: .eur, on: db)
                let cashClosing = balances.filter { DefaultChart.cashAccounts.contains($0.accountCode) }.map(
                    \.balance.amount
                ).reduce(0, +)
                #expect(cash.summary["closing_cash"] == cashClosing)
                // Each account's balance is the sum of its lines.
                for balance in balances {
                    let sum = try await db.raw(
                        "SELECT CAST(SUM(amount) AS BIGINT) AS s FROM ledger_lines WHERE account_code = \(bind: balance.accountCode)"
                    ).first(decodingColumn: "s", as: Int64.self)
                    #expect(sum == balance.balance.amount)
                }
            }
        }
    }
}

extension ReportTests {
    @Test(
        "closed months give their totals to the trial balance's opening; reopening and posting keep it exact",
        arguments: TestBackend.allCases)
    func closedMonthTotals(backend: TestBackend) async throws {
        try await withTestDatabase(on: backend) { env in
            let ledger = env.platform().ledger
            let months = try (9...12).map { try #require(AccountingPeriod(year: 2026, month: $0)) }
            for (index, month) in months.enumerated() {
                for day in [2.0, 15, 27] {
                    let amount = Int64(1_000 * (index + 1)) + Int64(day)
                    try await Self.post(
                        "m\(index)-\(day)",
                        [.debit(Chart.bank, .eur(amount)), .credit(Chart.sales, .eur(amount), vatRate: 2_500)],
                        at: month.start.addingTimeInterval(day * 86_400), ledger: ledger, env: env)
                }
            }
            @Sendable func bruteOpening(_ from: Date) async throws -> [String: Int64] {
                try await env.database.read { db in
                    try await ledger.movements(currency: .eur, from: nil, to: from, on: db)
                }
            }
            func opening(_ from: Date) async throws -> [String: Int64] {
                let figures = try await env.database.read { db in
                    try await ledger.periodFigures(currency: .eur, from: from, to: months[3].next.start, on: db)
                }
                return figures.compactMapValues { $0.opening == 0 ? nil : $0.opening }
            }
            for month in months.prefix(2) {
                try await env.database.inTransaction { db in try await ledger.closePeriod(month, by: Self.actor, on: db)
                }
            }
            let totals = try await env.database.read { db in
                try await db.raw("SELECT COUNT(*) AS n FROM ledger_period_totals").first(
                    decodingColumn: "n", as: Int.self)
            }
            #expect(totals == 4)  // two months × bank and sales
            for from in [months[2].start, months[2].start.addingTimeInterval(20 * 86_400), months[3].start] {
                #expect(try await opening(from) == (try await bruteOpening(from)))
            }
            // October reopened takes a late entry and closes again: its totals follow.
            try await env.database.inTransaction { db in
                try await ledger.reopenPeriod(months[1], by: Self.actor, on: db)
            }
            try await Self.post(
                "late", [.debit(Chart.bank, .eur(777)), .credit(Chart.sales, .eur(777), vatRate: 2_500)],
                at: months[1].start.addingTimeInterval(86_400), ledger: ledger, env: env)
            #expect(try await opening(months[3].start) == (try await bruteOpening(months[3].start)))
            try await env.database.inTransaction { db in try await ledger.closePeriod(months[1], by: Self.actor, on: db)
            }
            #expect(try await opening(months[3].start) == (try await bruteOpening(months[3].start)))
            #expect(try await opening(months[3].start)[Chart.bank] == 3 * (1_000 + 2_000 + 3_000) + 44 * 3 + 777)

            // Debits and credits (and so the P&L's movements, read the same way) over ranges that cross closed and open months, start
            // inside a month or at the beginning: the same as summing every line.
            try await env.database.inTransaction { db in
                try await ledger.reopenPeriod(months[0], by: Self.actor, on: db)
            }
            try await Self.post(
                "refund", [.debit(Chart.sales, .eur(300)), .credit(Chart.bank, .eur(300))],
                at: months[0].start.addingTimeInterval(20 * 86_400), ledger: ledger, env: env)
            try await env.database.inTransaction { db in try await ledger.closePeriod(months[0], by: Self.actor, on: db)
            }
            let end = months[3].next.start
            for from in [
                nil, months[0].start, months[0].start.addingTimeInterval(10 * 86_400), months[1].start, months[2].start,
            ] {
                let figures = try await env.database.read { db in
                    try await ledger.periodFigures(currency: .eur, from: from, to: end, on: db)
                }
                let brute = try await env.database.read { db in
                    try await db.raw(
                        """
                        SELECT account_code, CAST(SUM(CASE WHEN amount > 0 THEN amount ELSE 0 END) AS BIGINT) AS debits,
                               CAST(SUM(CASE WHEN amount < 0 THEN amount ELSE 0 END) AS BIGINT) AS credits
                        FROM ledger_lines WHERE posting_date >= \(bind: from?.epochMicroseconds ?? Int64.min)
                          AND posting_date < \(bind: end.epochMicroseconds)
                        GROUP BY account_code
                        """
                    ).all().map {
                        (
                            try $0.decode(column: "account_code", as: String.self),
                            try $0.decode(column: "debits", as: Int64.self),
                            try $0.decode(column: "credits", as: Int64.self)
                        )
                    }
                }
                for (account, debits, credits) in brute {
                    #expect(
                        figures[account]?.debits == debits && figures[account]?.credits == credits,
                        "\(account) \(String(describing: from))")
                }
            }
        }
    }
}
