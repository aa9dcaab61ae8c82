import Flows
import Foundation
import Promotions
import TorvCore

/// A flash sale's console page: the offer against the regular price, the allocation as it is sold, the
/// waiting room, and for staff who may manage promotions the way to call the sale off.
struct FlashSalePageView {
    let promotionTabs: [PromotionTabView]
    let flashID: String
    let flashName: String
    let flashPhaseLabel: String
    let flashPhaseBadge: String
    let flashNotice: String?
    /// Fake-discount warnings from planning the sale, shown once right after.
    let flashWarnings: [String]
    let hasFlashWarnings: Bool
    let flashFacts: [PromotionPageView.Fact]
    let flashFigures: [PromotionPageView.Fact]
    let roomFacts: [PromotionPageView.Fact]
    /// Why calling the sale off was refused; shown even when the sale offers the form no more.
    let flashCancelError: String?
    let cancelForm: CancelForm?

    struct CancelForm {
        let cancelKey: String
    }

    init(
        _ shown: FlashSales.Showing, campaign: Campaign?, mayManage: Bool, cancelled: Bool, cancelError: String?,
        warnings: [String] = [], settings: ShopSettings
    ) {
        let sale = shown.sale
        promotionTabs = PromotionTabView.tabs(current: .flashSales)
        flashID = sale.id.rawValue
        flashName = sale.title
        flashPhaseLabel = FlashSaleListView.phaseText(shown.phase)
        flashPhaseBadge = "flash-\(shown.phase.rawValue)"
        flashNotice =
            cancelled ? "The flash sale is cancelled: nobody can claim units any more; its unsold stock is back." : nil
        flashWarnings = warnings
        hasFlashWarnings = !warnings.isEmpty
        typealias Fact = PromotionPageView.Fact
        flashFacts =
            [
                Fact(factLabel: "SKU", factText: sale.sku, factHref: "/admin/catalog/products/\(sale.productID)"),
                Fact(factLabel: "Channel", factText: sale.channel, factHref: nil),
                Fact(factLabel: "Sale price", factText: settings.money(sale.price), factHref: nil),
                Fact(
                    factLabel: "Regular price now", factText: shown.regularPrice.map(settings.money) ?? "—",
                    factHref: nil),
                Fact(
                    factLabel: "Lowest price, 30 days before", factText: shown.priorPrice.map(settings.money) ?? "—",
                    factHref: nil),
                Fact(factLabel: "Per customer", factText: "at most \(sale.perCustomerLimit) units", factHref: nil),
                Fact(
                    factLabel: "Window",
                    factText: PromotionRuleView.moment(sale.startsAt, settings: settings) + " – "
                        + PromotionRuleView.moment(sale.endsAt, settings: settings), factHref: nil),
                Fact(
                    factLabel: "Campaign", factText: campaign?.name ?? "None",
                    factHref: campaign.map { "/admin/promotions/campaigns/\($0.id.rawValue)" }),
            ]
            + (sale.soldOutAt.map { [Fact(factLabel: "Sold out", factText: settings.dateTime($0), factHref: nil)] }
                ?? [])
            + (sale.cancelledAt.map { [Fact(factLabel: "Cancelled", factText: settings.dateTime($0), factHref: nil)] }
                ?? [])
        flashFigures = [
            Fact(factLabel: "Allocation", factText: "\(sale.quantity)", factHref: nil),
            Fact(factLabel: "Sold", factText: "\(sale.sold)", factHref: nil),
            Fact(factLabel: "In carts now", factText: "\(sale.held)", factHref: nil),
            Fact(factLabel: "Given back", factText: "\(sale.withdrawn)", factHref: nil),
            Fact(factLabel: "Left", factText: "\(sale.left)", factHref: nil),
        ]
        roomFacts = [
            Fact(factLabel: "Places taken in the queue", factText: "\(sale.queueLength)", factHref: nil),
            Fact(factLabel: "Admitted per minute", factText: "\(sale.room.admissionsPerMinute)", factHref: nil),
            Fact(
                factLabel: "Time to claim once admitted", factText: "\(sale.room.holdSeconds / 60) minutes",
                factHref: nil),
        ]
        let cancellable = [FlashSalePhase.scheduled, .live, .soldOut].contains(shown.phase)
        flashCancelError = cancelError
        cancelForm = mayManage && cancellable ? CancelForm(cancelKey: FormGuard.randomToken()) : nil
    }
}
