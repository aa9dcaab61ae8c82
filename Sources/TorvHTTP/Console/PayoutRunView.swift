import Foundation
import Sellers
import TorvCore

/// One payout run: while it runs, how far it has got (the page reloads itself until it finishes); once
/// finished, its totals; and throughout, the statement of what each seller was paid or why it was held.
struct PayoutRunView {
    let runID: String
    let runIsRunning: Bool
    let runStartedText: String
    let runFinishedText: String?
    let runMinimumText: String
    let progressValue: Int
    let progressMax: Int
    let progressText: String
    let runSummary: [PayoutRunFigure]
    let statementRows: [PayoutStatementRow]
    let hasStatement: Bool
    let statementNextHref: String?
    let resumeKey: String?

    init(
        run: SellerPayoutRun, progress: PayoutRunProgress, payouts: [SellerPayout], names: [SellerID: String],
        next: SellerPayoutID?, mayResume: Bool, settings: ShopSettings
    ) {
        runID = run.id.rawValue
        runIsRunning = run.status == .running
        runStartedText = "\(settings.dateTime(run.startedAt)) by \(run.startedBy)"
        runFinishedText = run.finishedAt.map(settings.dateTime)
        runMinimumText = settings.money(run.minimum)
        progressValue = progress.visited
        progressMax = max(progress.sellers, 1)
        progressText =
            runIsRunning
            ? "\(progress.visited) of \(progress.sellers) sellers handled so far."
            : "All \(progress.sellers) sellers with money in \(run.minimum.currency.code) were handled."
        runSummary =
            runIsRunning
            ? []
            : [
                PayoutRunFigure(
                    figureLabel: "Paid", figureValue: "\(run.paidCount) · \(settings.money(run.paidTotal))"),
                PayoutRunFigure(
                    figureLabel: "Held", figureValue: "\(run.heldCount) · \(settings.money(run.heldTotal))"),
                PayoutRunFigure(figureLabel: "Carried to a later run", figureValue: "\(run.carriedCount)"),
            ]
        statementRows = payouts.map { payout in
            PayoutStatementRow(
                statementSellerHref: "/admin/marketplace/sellers/\(payout.sellerID.rawValue)",
                statementSeller: names[payout.sellerID] ?? payout.sellerID.rawValue,
                statementAmount: settings.money(payout.amount), statementStatus: Self.status(payout.status),
                statementStatusClass: payout.status == .held || payout.status == .failed
                    ? "status-cancelled" : "status-approved",
                statementAccount: [payout.holder, payout.iban].compactMap { $0 }.joined(separator: " · "),
                statementReason: payout.reason ?? "")
        }
        hasStatement = !payouts.isEmpty
        statementNextHref = next.map { "/admin/marketplace/payouts/runs/\(run.id.rawValue)?after=\($0.rawValue)" }
        resumeKey = mayResume && runIsRunning ? FormGuard.randomToken() : nil
    }

    static func status(_ status: SellerPayoutStatus) -> String {
        switch status {
        case .scheduled: "Sent to the bank"
        case .paid: "Paid"
        case .failed: "Failed"
        case .held: "Held"
        }
    }
}

struct PayoutRunFigure {
    let figureLabel: String
    let figureValue: String
}

struct PayoutStatementRow {
    let statementSellerHref: String
    let statementSeller: String
    let statementAmount: String
    let statementStatus: String
    let statementStatusClass: String
    let statementAccount: String
    let statementReason: String
}
