import Foundation
import Promotions
import TorvCore

/// A promotion's rule in the words staff use ("10 % off everything · with a coupon code"), its window and
/// budget as sentences, and the status the list filters by. Pure: the page code hands in the clock's now.
enum PromotionRuleView {
    /// Where a promotion stands for staff, derived from its switch, window, campaign and budget.
    enum Status: String, CaseIterable {
        case running
        case scheduled
        case ended
        case usedUp = "used_up"
        case off

        var label: String {
            switch self {
            case .running: "Running"
            case .scheduled: "Scheduled"
            case .ended: "Ended"
            case .usedUp: "Budget used up"
            case .off: "Switched off"
            }
        }
    }

    static func status(of record: PromotionRecord, campaign: Campaign?, at now: Date) -> Status {
        guard record.isActive else { return .off }
        let (from, until) = window(of: record.promotion)
        if let until, now >= until { return .ended }
        if let campaign, campaign.phase(at: now) == .ended { return .ended }
        if let from, now < from { return .scheduled }
        if let campaign, campaign.phase(at: now) != .running { return .scheduled }
        let budget = record.promotion.budget
        if let limit = budget.maxUses, record.uses >= limit { return .usedUp }
        if let limit = budget.maxDiscount, let given = record.discountGiven, given.currency == limit.currency,
            given.amount >= limit.amount
        {
            return .usedUp
        }
        return .running
    }

    static func window(of promotion: Promotion) -> (from: Date?, until: Date?) {
        for condition in promotion.conditions {
            if case .window(let from, let until) = condition { return (from, until) }
        }
        return (nil, nil)
    }

    /// What it takes off and on what, then every condition other than the window: one line for the list.
    static func summary(_ promotion: Promotion, settings: ShopSettings) -> String {
        ([action(promotion.action, settings: settings) + " " + scope(promotion.scope)]
            + conditions(promotion.conditions, settings: settings))
            .joined(separator: " · ")
    }

    static func action(_ action: PromotionAction, settings: ShopSettings) -> String {
        switch action {
        case .percentOff(let basisPoints): "\(percent(basisPoints)) off"
        case .amountOffOrder(let amount): "\(settings.money(amount)) off the order"
        case .amountOffEachItem(let amount): "\(settings.money(amount)) off each item"
        case .fixedPrice(let price): "each item for \(settings.money(price))"
        case .buyXGetY(let buy, let get, let basisPointsOff, let maxApplications):
            "buy \(buy), get \(get) "
                + (basisPointsOff >= 10_000 ? "free" : "at \(percent(basisPointsOff)) off")
                + (maxApplications.map { ", at most \($0) times per cart" } ?? "")
        case .spendTiers(let tiers):
            tiers.sorted { $0.threshold.amount < $1.threshold.amount }
                .map { "spend \(settings.money($0.threshold)): \(percent($0.basisPointsOff)) off" }
                .joined(separator: "; ")
        case .freeShipping: "free shipping"
        case .freeGift(let variantID, let quantity): "\(quantity) × \(variantID) free"
        }
    }

    static func scope(_ scope: LineScope) -> String {
        guard !scope.coversEverything else { return "on everything" }
        let parts = [
            counted(scope.productIDs.count, "product"), counted(scope.variantIDs.count, "variant"),
            counted(scope.categoryIDs.count, "category", plural: "categories"),
        ].compactMap { $0 }
        return "on " + parts.joined(separator: ", ")
    }

    static func conditions(_ conditions: [PromotionCondition], settings: ShopSettings) -> [String] {
        conditions.compactMap { condition in
            switch condition {
            case .channels(let names): "in channels \(names.sorted().joined(separator: ", "))"
            case .customerGroups(let groups): "for customer groups \(groups.sorted().joined(separator: ", "))"
            case .companies(let companies): "for \(counted(companies.count, "company", plural: "companies") ?? "")"
            case .minimumSubtotal(let minimum): "spending at least \(settings.money(minimum))"
            case .minimumQuantity(let minimum): "buying at least \(minimum) items"
            case .firstOrder: "on a first order"
            case .coupon: "with a coupon code"
            case .window: nil
            }
        }
    }

    /// The promotion's own window and its campaign's, as one sentence in the shop's time zone.
    static func windowText(_ promotion: Promotion, campaign: Campaign?, settings: ShopSettings) -> String {
        let (from, until) = window(of: promotion)
        var parts: [String] = []
        switch (from, until) {
        case (nil, nil): break
        case (let from?, nil): parts.append("from \(moment(from, settings: settings))")
        case (nil, let until?): parts.append("until \(moment(until, settings: settings))")
        case (let from?, let until?):
            parts.append("\(moment(from, settings: settings)) – \(moment(until, settings: settings))")
        }
        if let campaign { parts.append("while \(campaign.name) runs") }
        return parts.isEmpty ? "Always" : parts.joined(separator: ", ")
    }

    /// Uses and discount given against the limits: "3 of 100 uses · €12.00 of €500.00".
    static func budgetText(_ record: PromotionRecord, settings: ShopSettings) -> String {
        let budget = record.promotion.budget
        var parts = [budget.maxUses.map { "\(record.uses) of \($0) uses" } ?? "\(record.uses) uses, no limit"]
        if let limit = budget.maxDiscount {
            let given = record.discountGiven ?? Money(minorUnits: 0, currency: limit.currency)
            parts.append("\(settings.money(given)) of \(settings.money(limit)) given")
        } else if let given = record.discountGiven {
            parts.append("\(settings.money(given)) given")
        }
        return parts.joined(separator: " · ")
    }

    static func stackingText(_ stacking: PromotionStacking) -> String {
        switch stacking {
        case .combinable: "Combines with others"
        case .exclusive: "Exclusive"
        }
    }

    /// A scheduled moment with its year ("27 November 2099 at 00:00"): plans reach past the current year.
    static func moment(_ date: Date, settings: ShopSettings) -> String {
        date.formatted(
            Date.FormatStyle(locale: settings.locale, timeZone: settings.timeZone).day().month(.wide).year().hour()
                .minute())
    }

    /// Basis points as a percentage without needless decimals: 1000 → "10 %", 1250 → "12.5 %".
    static func percent(_ basisPoints: Int) -> String {
        let whole = basisPoints / 100
        let rest = basisPoints % 100
        guard rest != 0 else { return "\(whole) %" }
        let decimals = rest % 10 == 0 ? "\(rest / 10)" : (rest < 10 ? "0\(rest)" : "\(rest)")
        return "\(whole).\(decimals) %"
    }

    static func counted(_ count: Int, _ noun: String, plural: String? = nil) -> String? {
        guard count > 0 else { return nil }
        return "\(count) \(count == 1 ? noun : plural ?? noun + "s")"
    }
}
