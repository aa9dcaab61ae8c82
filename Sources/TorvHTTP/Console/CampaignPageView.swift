import Foundation
import Promotions
import TorvCore

/// A campaign's console page: its schedule in the shop's time zone (and its own, when it differs), where it
/// stands, and the promotions and flash sales that belong to it.
struct CampaignPageView {
    let promotionTabs: [PromotionTabView]
    let campaignTitle: String
    let campaignPhaseLabel: String
    let campaignPhaseBadge: String
    let campaignNotice: String?
    let campaignFacts: [PromotionPageView.Fact]
    let campaignPromotions: [PromotionListView.Row]
    let hasCampaignPromotions: Bool
    let campaignSales: [PromotionPageView.Fact]
    let hasCampaignSales: Bool

    init(
        _ campaign: Campaign, promotions: [PromotionRecord], sales: [FlashSale], created: Bool, now: Date,
        settings: ShopSettings
    ) {
        typealias Fact = PromotionPageView.Fact
        let phase = campaign.phase(at: now)
        promotionTabs = PromotionTabView.tabs(current: .campaigns)
        campaignTitle = campaign.name
        campaignPhaseLabel = CampaignListView.phaseText(phase)
        campaignPhaseBadge = "campaign-\(phase.rawValue)"
        campaignNotice =
            created ? "The campaign is scheduled. Attach promotions and flash sales to it through the API." : nil
        let own = TimeZone(identifier: campaign.timeZone)
        func when(_ date: Date) -> String {
            let local = PromotionRuleView.moment(date, settings: settings)
            guard let own, own.identifier != settings.timeZone.identifier else { return local }
            var there = settings
            there.timeZone = own
            return "\(local) (\(PromotionRuleView.moment(date, settings: there)) \(own.identifier))"
        }
        campaignFacts = [
            Fact(
                factLabel: "Announced from", factText: campaign.announceAt.map(when) ?? "Not announced", factHref: nil),
            Fact(factLabel: "Starts", factText: when(campaign.startsAt), factHref: nil),
            Fact(factLabel: "Ends", factText: when(campaign.endsAt), factHref: nil),
            Fact(factLabel: "Scheduled in", factText: campaign.timeZone, factHref: nil),
        ]
        campaignPromotions =
            PromotionListView(
                promotions.filter { $0.campaignID == campaign.id }, campaigns: [campaign], filter: nil, now: now,
                settings: settings
            ).promotionRows
        hasCampaignPromotions = !campaignPromotions.isEmpty
        campaignSales = sales.filter { $0.campaignID == campaign.id }.map { sale in
            Fact(
                factLabel: sale.title, factText: FlashSaleListView.phaseText(sale.phase(at: now)),
                factHref: "/admin/promotions/flash-sales/\(sale.id.rawValue)")
        }
        hasCampaignSales = !campaignSales.isEmpty
    }
}
