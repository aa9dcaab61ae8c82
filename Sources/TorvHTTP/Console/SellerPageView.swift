import Flows
import Foundation
import Sellers
import TorvCore

/// A seller's console page: who they are, where they stand in the lifecycle and how they got there, their
/// scorecard, offers and balance, and the lifecycle moves the operator may make from here.
struct SellerPageView {
    let sellerID: String
    let sellerName: String
    let sellerHandle: String
    let sellerKindText: String
    let sellerStatusText: String
    let sellerStatusBadge: String
    let sellerStatusReason: String?
    let sellerPlan: String
    let sellerFacts: [SellerFact]
    let sellerHistory: [SellerHistoryRow]
    let scorecard: SellerScorecardSummary?
    let offersText: String
    let balanceRows: [SellerBalanceRow]
    let showsBalance: Bool
    let hasBalance: Bool
    let adjustForm: SellerAdjustForm?
    let planForm: SellerPlanForm?
    let transitions: [SellerTransitionForm]
    let hasTransitions: Bool
    let mayTransition: Bool
    let sellerNotice: String?
    let transitionProblem: String?

    init(
        seller: Seller, history: [SellerStatusChange], scorecard: SellerScorecardView?,
        offers: [SellerOfferStatus: Int],
        balances: [SellerBalance]?, adjustForm: SellerAdjustForm?, planForm: SellerPlanForm?, mayTransition: Bool,
        notice: String?,
        failure: SellerTransitionFailure?,
        settings: ShopSettings
    ) {
        sellerID = seller.id.rawValue
        sellerName = seller.displayName
        sellerHandle = seller.handle
        sellerKindText = SellerWords.kind(seller.kind)
        sellerStatusText = SellerWords.status(seller.status)
        sellerStatusBadge = SellerWords.statusClass(seller.status)
        sellerStatusReason = seller.statusReason
        sellerPlan = seller.plan
        let profile = seller.profile
        let onboarding = seller.onboarding
        let facts: [(String, String?)] = [
            ("Applied", settings.dateTime(seller.createdAt)),
            ("Approved", seller.approvedAt.map(settings.dateTime)),
            ("Legal name", onboarding.legalName), ("Country", onboarding.country),
            ("Registration number", onboarding.registrationNumber), ("VAT number", onboarding.vatID),
            ("Payout account holder", onboarding.payoutHolder), ("Support e-mail", profile.supportEmail),
            ("Ships from", profile.shipsFrom), ("Handling", "\(profile.handlingDays) working days"),
            ("Return window", "\(profile.returnWindowDays) days"),
            ("Documents", seller.documents.isEmpty ? "none" : "\(seller.documents.count)"),
            ("On holiday until", seller.holidayUntil.map(settings.date)),
            ("Description", profile.description.isEmpty ? nil : profile.description),
        ]
        sellerFacts = facts.compactMap { label, value in value.map { SellerFact(factLabel: label, factValue: $0) } }
        sellerHistory = history.reversed().map { change in
            SellerHistoryRow(
                historyAt: settings.dateTime(change.changedAt),
                historyMove: (change.from.map { SellerWords.status($0) + " → " } ?? "") + SellerWords.status(change.to),
                historyBy: "\(change.actorKind) \(change.actorID)", historyReason: change.reason ?? "")
        }
        self.scorecard = scorecard.map(SellerScorecardSummary.init)
        let total = offers.values.reduce(0, +)
        offersText =
            total == 0 ? "No offers." : "\(total) \(total == 1 ? "offer" : "offers"), \(offers[.active] ?? 0) active"
        showsBalance = balances != nil
        balanceRows = (balances ?? []).map { SellerBalanceRow($0, settings: settings) }
        hasBalance = !balanceRows.isEmpty
        self.adjustForm = adjustForm
        self.planForm = planForm
        transitions = SellerTransitionForm.all(from: seller.status, failure: failure)
        hasTransitions = mayTransition && !transitions.isEmpty
        self.mayTransition = mayTransition
        sellerNotice = notice
        transitionProblem = failure?.message
    }
}

/// Corrects the seller's balance by a signed amount in the shop's currency, with a note the seller sees,
/// as the API's `createSellerAdjustment` does.
struct SellerAdjustForm {
    let adjustKey: String
    let adjustCurrency: String
    let adjustAmountValue: String
    let adjustNoteValue: String
    let adjustProblem: String?

    init(currency: Currency, amount: String = "", note: String = "", problem: String? = nil) {
        adjustKey = FormGuard.randomToken()
        adjustCurrency = currency.code
        adjustAmountValue = amount
        adjustNoteValue = note
        adjustProblem = problem
    }
}

struct SellerFact {
    let factLabel: String
    let factValue: String
}

struct SellerHistoryRow {
    let historyAt: String
    let historyMove: String
    let historyBy: String
    let historyReason: String
}

/// One currency of a seller's account: the sum of every movement, what is still held back and what a
/// payout run would pay.
struct SellerBalanceRow {
    let balanceCurrency: String
    let balanceTotal: String
    let balanceHeld: String
    let balanceAvailable: String
    let balanceIsNegative: Bool

    init(_ balance: SellerBalance, settings: ShopSettings) {
        balanceCurrency = balance.total.currency.code
        balanceTotal = settings.money(balance.total)
        balanceHeld = settings.money(balance.pending)
        balanceAvailable = settings.money(balance.available)
        balanceIsNegative = balance.available.isNegative
    }
}

/// Today's scorecard as the API's `getSellerScorecard` computes it.
struct SellerScorecardSummary {
    let scorecardStanding: String
    let scorecardStandingClass: String
    let scorecardWindow: String
    let scorecardMetrics: [Metric]
    let scorecardReasons: [String]

    struct Metric {
        let metricName: String
        let metricValue: String
        let metricSample: Int
        let metricStanding: String
    }

    init(_ view: SellerScorecardView) {
        scorecardStanding = Self.standing(view.verdict.standing)
        scorecardStandingClass =
            switch view.verdict.standing {
            case .good: "status-approved"
            case .warn: "status-pending"
            case .suspend: "status-cancelled"
            }
        scorecardWindow = "Over the last \(view.windowDays) days, \(view.performance.orders) orders."
        scorecardMetrics = view.verdict.metrics.map { metric in
            Metric(
                metricName: Self.name(metric.metric), metricValue: metric.value.map(metric.metric.text) ?? "—",
                metricSample: metric.sample, metricStanding: metric.counts ? Self.standing(metric.standing) : "Too few")
        }
        scorecardReasons = view.verdict.reasons.map(\.message)
    }

    static func standing(_ standing: ScorecardStanding) -> String {
        switch standing {
        case .good: "Good"
        case .warn: "Warning"
        case .suspend: "Suspension level"
        }
    }

    static func name(_ metric: ScorecardMetric) -> String {
        switch metric {
        case .rating: "Rating"
        case .onTimeShipment: "Shipped on time"
        case .cancellation: "Cancelled by the seller"
        case .returns: "Returned"
        case .responseTime: "Time to answer a case"
        }
    }
}

/// One lifecycle move the operator may make from the seller's status, as its own form: the moves are
/// the ones ``SellerLifecycle`` allows the operator, and a move that must tell the seller why asks for a
/// reason, so the page offers exactly what the API's `transitionSeller` accepts.
struct SellerTransitionForm {
    let transitionTarget: String
    let transitionLabel: String
    let transitionHelp: String
    let transitionKey: String
    let transitionNeedsReason: Bool
    let transitionReasonID: String
    let transitionReasonValue: String
    let transitionButtonClass: String

    static func all(from status: SellerStatus, failure: SellerTransitionFailure?) -> [SellerTransitionForm] {
        SellerStatus.allCases.compactMap { target in
            // Asked with a reason, the rule says whether the move exists; asked without, whether it needs one.
            guard SellerLifecycle.check(from: status, to: target, by: .operator, reason: "reason") == nil else {
                return nil
            }
            let needsReason =
                SellerLifecycle.check(from: status, to: target, by: .operator, reason: nil) == .reasonRequired
            let (label, help) = words(from: status, to: target)
            return SellerTransitionForm(
                transitionTarget: target.rawValue, transitionLabel: label, transitionHelp: help,
                transitionKey: FormGuard.randomToken(), transitionNeedsReason: needsReason,
                transitionReasonID: "reason-\(target.rawValue)",
                transitionReasonValue: failure?.target == target ? failure?.reason ?? "" : "",
                transitionButtonClass: target == .closed || target == .suspended ? "danger" : "primary")
        }
    }

    private static func words(from: SellerStatus, to: SellerStatus) -> (label: String, help: String) {
        switch (from, to) {
        case (.applied, .onboarding):
            ("Accept the application", "The seller can then complete onboarding and submit it for review.")
        case (.underReview, .approved): ("Approve", "The seller can trade: their active offers go on sale.")
        case (.underReview, .onboarding):
            ("Send back to onboarding", "The seller is told what to fix and submits again.")
        case (_, .suspended): ("Suspend", "Every active offer is paused until the seller is reinstated.")
        case (.suspended, .approved): ("Reinstate", "The seller can trade again; paused offers stay paused.")
        case (.applied, .closed): ("Reject and close", "The application is refused; the account is closed for good.")
        case (_, .closed):
            ("Close the account", "For good: offers are paused and the seller's people are signed out.")
        default: ("Move to \(SellerWords.status(to).lowercased())", "")
        }
    }
}

/// A refused move: its message and what was typed, to show next to the form again.
struct SellerTransitionFailure {
    let target: SellerStatus?
    let reason: String
    let message: String
}
