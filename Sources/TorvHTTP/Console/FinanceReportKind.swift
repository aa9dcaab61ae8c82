import Foundation

/// The finance reports the console shows, by the name in their URL (the same as the admin API's).
enum FinanceReportKind: String, CaseIterable, Sendable {
    case profitAndLoss = "profit-and-loss"
    case balanceSheet = "balance-sheet"
    case trialBalance = "trial-balance"
    case vat
    case cashFlow = "cash-flow"
    case budgetVsActual = "budget-vs-actual"

    var title: String {
        switch self {
        case .profitAndLoss: "Profit and loss"
        case .balanceSheet: "Balance sheet"
        case .trialBalance: "Trial balance"
        case .vat: "VAT"
        case .cashFlow: "Cash flow"
        case .budgetVsActual: "Budget vs actual"
        }
    }

    /// A balance sheet is as of a day; every other report covers a period.
    var isAsOf: Bool { self == .balanceSheet }

    /// Budgets are set per month, so that report covers whole months.
    var isMonthly: Bool { self == .budgetVsActual }
}
