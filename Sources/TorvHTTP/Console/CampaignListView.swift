import Foundation
import Promotions
import TorvCore

/// The console's campaigns: each sales event's schedule in the shop's time zone and where it stands, and
/// for staff who may manage promotions the form that schedules a new one.
struct CampaignListView {
    let promotionTabs: [PromotionTabView]
    let campaignRows: [Row]
    let hasCampaignRows: Bool
    let campaignTimeZoneNote: String
    let campaignForm: CampaignForm?

    struct Row {
        let campaignHref: String
        let campaignName: String
        let campaignAnnounce: String
        let campaignStarts: String
        let campaignEnds: String
        let campaignPhase: String
        let campaignPhaseClass: String
    }

    /// Wall-clock times in a zone, as the API's `createCampaign` takes them.
    struct CampaignForm {
        let campaignKey: String
        let campaignNameValue: String
        let campaignZoneValue: String
        let campaignAnnounceValue: String
        let campaignStartsValue: String
        let campaignEndsValue: String
        let campaignError: String?
    }

    init(
        _ campaigns: [Campaign], mayManage: Bool, failure: (message: String, form: FormData)?, now: Date,
        settings: ShopSettings
    ) {
        promotionTabs = PromotionTabView.tabs(current: .campaigns)
        campaignRows = campaigns.map { campaign in
            let phase = campaign.phase(at: now)
            return Row(
                campaignHref: "/admin/promotions/campaigns/\(campaign.id.rawValue)", campaignName: campaign.name,
                campaignAnnounce: campaign.announceAt.map { PromotionRuleView.moment($0, settings: settings) }
                    ?? "Not announced",
                campaignStarts: PromotionRuleView.moment(campaign.startsAt, settings: settings),
                campaignEnds: PromotionRuleView.moment(campaign.endsAt, settings: settings),
                campaignPhase: Self.phaseText(phase), campaignPhaseClass: "campaign-\(phase.rawValue)")
        }
        hasCampaignRows = !campaigns.isEmpty
        campaignTimeZoneNote = "Times are in the shop's time zone, \(settings.timeZone.identifier)."
        let typed = failure?.form
        campaignForm =
            mayManage
            ? CampaignForm(
                campaignKey: FormGuard.randomToken(), campaignNameValue: typed?["name"] ?? "",
                campaignZoneValue: typed?["time_zone"] ?? settings.timeZone.identifier,
                campaignAnnounceValue: typed?["announce_at"] ?? "", campaignStartsValue: typed?["starts_at"] ?? "",
                campaignEndsValue: typed?["ends_at"] ?? "", campaignError: failure?.message)
            : nil
    }

    static func phaseText(_ phase: CampaignPhase) -> String {
        switch phase {
        case .scheduled: "Scheduled"
        case .announced: "Announced"
        case .running: "Running"
        case .ended: "Ended"
        }
    }
}
