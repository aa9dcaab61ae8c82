import Foundation
import Promotions
import TorvCore

/// The console's promotion list: one row per promotion with its rule in words, priority, stacking, window,
/// budget and status, filtered by status.
struct PromotionListView {
    let promotionTabs: [PromotionTabView]
    let promotionStatusOptions: [FilterOption]
    let promotionRows: [Row]
    let hasPromotionRows: Bool
    let promotionsEmptyMessage: String
    /// Only for staff who may create promotions.
    let newPromotionHref: String?

    struct Row {
        let promotionHref: String
        let promotionName: String
        let promotionRule: String
        let promotionPriority: Int
        let promotionStacking: String
        let promotionWindow: String
        let promotionBudget: String
        let promotionStatus: String
        let promotionStatusClass: String
    }

    init(
        _ records: [PromotionRecord], campaigns: [Campaign], filter: PromotionRuleView.Status?, mayManage: Bool = false,
        now: Date, settings: ShopSettings
    ) {
        newPromotionHref = mayManage ? "/admin/promotions/new" : nil
        promotionTabs = PromotionTabView.tabs(current: .promotions)
        promotionStatusOptions =
            [FilterOption(optionValue: "", optionLabel: "Any status", optionSelected: filter == nil)]
            + PromotionRuleView.Status.allCases.map {
                FilterOption(optionValue: $0.rawValue, optionLabel: $0.label, optionSelected: filter == $0)
            }
        let byID = Dictionary(campaigns.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        promotionRows = records.compactMap { record in
            let campaign = record.campaignID.flatMap { byID[$0] }
            let status = PromotionRuleView.status(of: record, campaign: campaign, at: now)
            guard filter == nil || filter == status else { return nil }
            let promotion = record.promotion
            return Row(
                promotionHref: "/admin/promotions/\(promotion.id)", promotionName: promotion.name,
                promotionRule: PromotionRuleView.summary(promotion, settings: settings),
                promotionPriority: promotion.priority,
                promotionStacking: PromotionRuleView.stackingText(promotion.stacking),
                promotionWindow: PromotionRuleView.windowText(promotion, campaign: campaign, settings: settings),
                promotionBudget: PromotionRuleView.budgetText(record, settings: settings),
                promotionStatus: status.label, promotionStatusClass: "promotion-\(status.rawValue)")
        }
        hasPromotionRows = !promotionRows.isEmpty
        promotionsEmptyMessage =
            filter == nil
            ? "No promotions yet."
            : "No promotion is \(filter?.label.lowercased() ?? "") now. Clear the filter to see every promotion."
    }
}
