public import Foundation
public import TorvCore

/// Pure assembly of every report from figures the store summed: no SQL, so each is tested with plain
/// values, and a report's arithmetic (a balance sheet balances, opening + net cash = closing) is a
/// property of this code, not of a query.
public enum ReportBuilder {
    /// Opening balance, debits, credits and closing balance per account with any activity.
    public static func trialBalance(
        accounts: [Account], figures: [String: PeriodFigures], currency: Currency, from: Date?, to: Date
    ) -> FinanceReport {
        let columns = [("opening", "Opening"), ("debits", "Debits"), ("credits", "Credits"), ("closing", "Closing")]
        var section = FinanceReport.Section(key: "accounts", title: "Accounts", rows: [], subtotal: [:])
        for account in accounts.sorted(by: { $0.code < $1.code }) {
            guard let figure = figures[account.code], figure != PeriodFigures() else { continue }
            let values = [
                "opening": figure.opening, "debits": figure.debits, "credits": -figure.credits,
                "closing": figure.closing,
            ]
            section.rows.append(.init(accountCode: account.code, vatRate: nil, label: account.name, values: values))
        }
        section.subtotal = sum(section.rows, keys: columns.map(\.0))
        return FinanceReport(
            kind: "trial_balance", title: "Trial balance", currency: currency, from: from, to: to,
            columns: columns.map { .init(key: $0.0, title: $0.1) }, sections: [section],
            summary: [
                "closing_total": section.subtotal["closing"] ?? 0,
                "debits_minus_credits": (section.subtotal["debits"] ?? 0) - (section.subtotal["credits"] ?? 0),
            ])
    }

    /// Revenue (credit-positive), cost of goods (expense accounts in the 4000s), other expenses, gross
    /// profit and the net result of the period.
    public static func profitAndLoss(
        accounts: [Account], figures: [String: PeriodFigures], currency: Currency, from: Date, to: Date
    ) -> FinanceReport {
        var revenue = FinanceReport.Section(key: "revenue", title: "Revenue", rows: [], subtotal: [:])
        var goods = FinanceReport.Section(key: "cost_of_goods", title: "Cost of goods", rows: [], subtotal: [:])
        var expenses = FinanceReport.Section(key: "expenses", title: "Operating expenses", rows: [], subtotal: [:])
        for account in accounts.sorted(by: { $0.code < $1.code }) {
            guard let movement = figures[account.code]?.movement, movement != 0 else { continue }
            switch account.type {
            case .revenue:
                revenue.rows.append(row(account, -movement))
            case .expense where account.code.hasPrefix("4"):
                goods.rows.append(row(account, movement))
            case .expense:
                expenses.rows.append(row(account, movement))
            case .asset, .liability, .equity:
                continue
            }
        }
        revenue.subtotal = sum(revenue.rows, keys: ["amount"])
        goods.subtotal = sum(goods.rows, keys: ["amount"])
        expenses.subtotal = sum(expenses.rows, keys: ["amount"])
        let totalRevenue = revenue.subtotal["amount"] ?? 0
        let grossProfit = totalRevenue - (goods.subtotal["amount"] ?? 0)
        return FinanceReport(
            kind: "profit_and_loss", title: "Profit and loss", currency: currency, from: from, to: to,
            columns: [.init(key: "amount", title: "Amount")], sections: [revenue, goods, expenses],
            summary: [
                "revenue": totalRevenue, "gross_profit": grossProfit,
                "net_result": grossProfit - (expenses.subtotal["amount"] ?? 0),
            ])
    }

    /// Assets against liabilities and equity as of a date; the result not yet closed to equity is its
    /// own equity line, so the two sides are equal whenever the ledger balances.
    public static func balanceSheet(
        accounts: [Account], closing: [String: Int64], currency: Currency, asOf: Date
    ) -> FinanceReport {
        var assets = FinanceReport.Section(key: "assets", title: "Assets", rows: [], subtotal: [:])
        var liabilities = FinanceReport.Section(key: "liabilities", title: "Liabilities", rows: [], subtotal: [:])
        var equity = FinanceReport.Section(key: "equity", title: "Equity", rows: [], subtotal: [:])
        var result: Int64 = 0
        for account in accounts.sorted(by: { $0.code < $1.code }) {
            guard let balance = closing[account.code], balance != 0 else { continue }
            switch account.type {
            case .asset: assets.rows.append(row(account, balance))
            case .liability: liabilities.rows.append(row(account, -balance))
            case .equity: equity.rows.append(row(account, -balance))
            case .revenue, .expense: result -= balance
            }
        }
        if result != 0 {
            equity.rows.append(
                .init(accountCode: nil, vatRate: nil, label: "Result not yet closed", values: ["amount": result]))
        }
        assets.subtotal = sum(assets.rows, keys: ["amount"])
        liabilities.subtotal = sum(liabilities.rows, keys: ["amount"])
        equity.subtotal = sum(equity.rows, keys: ["amount"])
        let totalAssets = assets.subtotal["amount"] ?? 0
        let totalClaims = (liabilities.subtotal["amount"] ?? 0) + (equity.subtotal["amount"] ?? 0)
        return FinanceReport(
            kind: "balance_sheet", title: "Balance sheet", currency: currency, from: nil, to: asOf,
            columns: [.init(key: "amount", title: "Amount")], sections: [assets, liabilities, equity],
            summary: [
                "total_assets": totalAssets, "total_liabilities_and_equity": totalClaims, "result": result,
                "difference": totalAssets - totalClaims,
            ])
    }

    /// Cash at the start, the cash each kind of counter-account brought in or took out, cash at the end.
    /// `counterFlows` maps each non-cash account to the cash it moved (positive = cash in).
    public static func cashFlow(
        accounts: [Account], openingCash: Int64, counterFlows: [String: Int64], currency: Currency, from: Date,
        to: Date
    ) -> FinanceReport {
        var operating = FinanceReport.Section(key: "operating", title: "Operating activities", rows: [], subtotal: [:])
        var investing = FinanceReport.Section(key: "investing", title: "Investing activities", rows: [], subtotal: [:])
        var financing = FinanceReport.Section(key: "financing", title: "Financing activities", rows: [], subtotal: [:])
        let byCode = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0) })
        for code in counterFlows.keys.sorted() {
            guard let flow = counterFlows[code], flow != 0, let account = byCode[code] else { continue }
            switch account.type {
            case .equity: financing.rows.append(row(account, flow))
            // Long-lived assets (BAS 1000–1399) are investments; stock, receivables and the rest operate.
            case .asset where code < "14": investing.rows.append(row(account, flow))
            default: operating.rows.append(row(account, flow))
            }
        }
        operating.subtotal = sum(operating.rows, keys: ["amount"])
        investing.subtotal = sum(investing.rows, keys: ["amount"])
        financing.subtotal = sum(financing.rows, keys: ["amount"])
        let net = [operating, investing, financing].map { $0.subtotal["amount"] ?? 0 }.reduce(0, +)
        return FinanceReport(
            kind: "cash_flow", title: "Cash flow", currency: currency, from: from, to: to,
            columns: [.init(key: "amount", title: "Amount")], sections: [operating, investing, financing],
            summary: ["opening_cash": openingCash, "net_cash_flow": net, "closing_cash": openingCash + net])
    }

    /// One VAT-tagged total: the lines of one account at one rate in the period.
    public struct VATLine: Sendable, Hashable {
        public let rate: Int
        public let accountCode: String
        public let amount: Int64

        public init(rate: Int, accountCode: String, amount: Int64) {
            self.rate = rate
            self.accountCode = accountCode
            self.amount = amount
        }
    }

    /// Per rate: the taxable sales and the output VAT on them, the purchases and their input VAT, and
    /// the VAT to pay (output less input).
    public static func vat(
        accounts: [Account], lines: [VATLine], outputAccount: String, inputAccount: String, currency: Currency,
        from: Date, to: Date
    ) -> FinanceReport {
        let types = Dictionary(uniqueKeysWithValues: accounts.map { ($0.code, $0.type) })
        var byRate: [Int: [String: Int64]] = [:]
        for line in lines {
            let key: String
            var amount = line.amount
            if line.accountCode == outputAccount {
                key = "output_vat"
                amount = -amount
            } else if line.accountCode == inputAccount {
                key = "input_vat"
            } else if types[line.accountCode] == .revenue {
                key = "sales_base"
                amount = -amount
            } else {
                key = "purchase_base"
            }
            byRate[line.rate, default: [:]][key, default: 0] += amount
        }
        let keys = ["sales_base", "output_vat", "purchase_base", "input_vat"]
        var section = FinanceReport.Section(key: "rates", title: "VAT rates", rows: [], subtotal: [:])
        for rate in byRate.keys.sorted(by: >) {
            let values = byRate[rate] ?? [:]
            section.rows.append(
                .init(
                    accountCode: nil, vatRate: rate, label: String(format: "%d.%02d %%", rate / 100, rate % 100),
                    values: Dictionary(uniqueKeysWithValues: keys.map { ($0, values[$0] ?? 0) })))
        }
        section.subtotal = sum(section.rows, keys: keys)
        return FinanceReport(
            kind: "vat", title: "VAT report", currency: currency, from: from, to: to,
            columns: [
                .init(key: "sales_base", title: "Taxable sales"), .init(key: "output_vat", title: "Output VAT"),
                .init(key: "purchase_base", title: "Taxable purchases"), .init(key: "input_vat", title: "Input VAT"),
            ], sections: [section],
            summary: ["net_vat_payable": (section.subtotal["output_vat"] ?? 0) - (section.subtotal["input_vat"] ?? 0)])
    }

    /// Budget against actual per account, in the direction the account grows (revenue credit-positive),
    /// with the variance and the variance in basis points of the budget (integers, never floating point).
    public static func budgetVsActual(
        accounts: [Account], budgets: [String: Int64], movements: [String: Int64], currency: Currency, from: Date,
        to: Date
    ) -> FinanceReport {
        var section = FinanceReport.Section(key: "accounts", title: "Accounts", rows: [], subtotal: [:])
        for account in accounts.sorted(by: { $0.code < $1.code }) {
            let budget = budgets[account.code]
            let movement = movements[account.code] ?? 0
            guard budget != nil || movement != 0 else { continue }
            let actual = account.type.growsByDebit ? movement : -movement
            let variance = actual - (budget ?? 0)
            var values = ["budget": budget ?? 0, "actual": actual, "variance": variance]
            if let budget, budget != 0 { values["variance_bp"] = variance * 10_000 / budget }
            section.rows.append(.init(accountCode: account.code, vatRate: nil, label: account.name, values: values))
        }
        section.subtotal = [:]
        return FinanceReport(
            kind: "budget_vs_actual", title: "Budget against actual", currency: currency, from: from, to: to,
            columns: [
                .init(key: "budget", title: "Budget"), .init(key: "actual", title: "Actual"),
                .init(key: "variance", title: "Variance"), .init(key: "variance_bp", title: "Variance (bp)"),
            ], sections: [section], summary: [:])
    }

    static func row(_ account: Account, _ amount: Int64) -> FinanceReport.Row {
        .init(accountCode: account.code, vatRate: nil, label: account.name, values: ["amount": amount])
    }

    static func sum(_ rows: [FinanceReport.Row], keys: [String]) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: keys.map { key in (key, rows.map { $0.values[key] ?? 0 }.reduce(0, +)) })
    }
}
