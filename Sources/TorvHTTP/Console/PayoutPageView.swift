import Foundation
import Sellers
import TorvCore

/// The payouts page: the form that starts a run, the latest runs, and every seller's balance in the
/// shop's currency (what a run would pay, what is still held back, and who owes money back).
struct PayoutPageView {
    let marketplaceTabs: [MarketplaceTab]
    let payoutCurrency: String
    let startForm: PayoutStartForm?
    let runRows: [PayoutRunRow]
    let hasRuns: Bool
    let accountRows: [PayoutAccountRow]
    let hasAccounts: Bool
    let accountsEmptyMessage: String
    let accountsNextHref: String?
    let accountsFirstHref: String?

    /// `runs` newest first.
    init(
        runs: [SellerPayoutRun], accounts: [SellerAccountBalance], next: SellerID?, isLaterPage: Bool,
        startForm: PayoutStartForm?, tabs: [MarketplaceTab], settings: ShopSettings
    ) {
        marketplaceTabs = tabs
        payoutCurrency = settings.currency.code
        self.startForm = startForm
        runRows = runs.map { PayoutRunRow($0, settings: settings) }
        hasRuns = !runs.isEmpty
        accountRows = accounts.map { account in
            PayoutAccountRow(
                accountHref: "/admin/marketplace/sellers/\(account.sellerID.rawValue)",
                accountName: account.displayName, accountStatus: SellerWords.status(account.status),
                accountStatusClass: SellerWords.statusClass(account.status),
                accountHeld: settings.money(account.balance.pending),
                accountAvailable: settings.money(account.balance.available),
                accountIsNegative: account.balance.available.isNegative)
        }
        hasAccounts = !accounts.isEmpty
        accountsEmptyMessage =
            isLaterPage ? "No more sellers." : "No seller has money in \(settings.currency.code) yet."
        accountsNextHref = next.map { "/admin/marketplace/payouts?after=\($0.rawValue)" }
        accountsFirstHref = isLaterPage ? "/admin/marketplace/payouts" : nil
    }
}

/// Starts a payout run from a minimum, typed as a plain decimal in the shop's currency.
struct PayoutStartForm {
    let startKey: String
    let startMinimumValue: String
    let startProblem: String?

    init(minimum: String = "", problem: String? = nil) {
        startKey = FormGuard.randomToken()
        startMinimumValue = minimum
        startProblem = problem
    }
}

struct PayoutRunRow {
    let runHref: String
    let runStartedAt: String
    let runState: String
    let runStateClass: String
    let runMinimum: String
    let runPaid: String
    let runHeld: String
    let runCarried: Int

    init(_ run: SellerPayoutRun, settings: ShopSettings) {
        runHref = "/admin/marketplace/payouts/runs/\(run.id.rawValue)"
        runStartedAt = settings.dateTime(run.startedAt)
        runState = run.status == .running ? "Running" : "Finished"
        runStateClass = run.status == .running ? "status-pending" : "status-approved"
        runMinimum = settings.money(run.minimum)
        runPaid = "\(run.paidCount) · \(settings.money(run.paidTotal))"
        runHeld = "\(run.heldCount) · \(settings.money(run.heldTotal))"
        runCarried = run.carriedCount
    }
}

struct PayoutAccountRow {
    let accountHref: String
    let accountName: String
    let accountStatus: String
    let accountStatusClass: String
    let accountHeld: String
    let accountAvailable: String
    let accountIsNegative: Bool
}
