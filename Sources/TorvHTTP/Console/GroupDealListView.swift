import Flows
import Foundation
import Promotions
import TorvCore

/// The console's group deals: one row per deal with its participants against the minimum and maximum, the
/// price reached, the deadline and where it stands.
struct GroupDealListView {
    let promotionTabs: [PromotionTabView]
    let dealRows: [Row]
    let hasDealRows: Bool
    let voucherForm: GroupDealVoucherView?
    let dealForm: GroupDealFormView?

    struct Row {
        let dealHref: String
        let dealTitle: String
        let dealSKU: String
        let dealParticipants: String
        let dealPrice: String
        let dealDeadline: String
        let dealPhase: String
        let dealPhaseClass: String
    }

    init(
        _ deals: [GroupDeals.Showing], voucherForm: GroupDealVoucherView?, dealForm: GroupDealFormView?,
        settings: ShopSettings
    ) {
        self.voucherForm = voucherForm
        self.dealForm = dealForm
        promotionTabs = PromotionTabView.tabs(current: .groupDeals)
        dealRows = deals.map { shown in
            let deal = shown.deal
            return Row(
                dealHref: "/admin/promotions/group-deals/\(deal.id.rawValue)", dealTitle: deal.title, dealSKU: deal.sku,
                dealParticipants: Self.participantsText(shown), dealPrice: settings.money(shown.currentPrice),
                dealDeadline: PromotionRuleView.moment(deal.deadline, settings: settings),
                dealPhase: Self.phaseText(shown.phase),
                dealPhaseClass: "deal-\(shown.phase.rawValue)")
        }
        hasDealRows = !deals.isEmpty
    }

    /// "4 of at least 3, at most 10".
    static func participantsText(_ shown: GroupDeals.Showing) -> String {
        "\(shown.participants) of at least \(shown.deal.minParticipants)"
            + (shown.deal.maxParticipants.map { ", at most \($0)" } ?? "")
    }

    static func phaseText(_ phase: GroupDealPhase) -> String {
        switch phase {
        case .scheduled: "Scheduled"
        case .open: "Open"
        case .tipped: "Tipped"
        case .awaitingSettlement: "Being settled"
        case .succeeded: "Succeeded"
        case .failed: "Failed"
        }
    }
}
