import Foundation
import Promotions
import TorvCore

/// The console's flash sales: one row per sale with its SKU, price, allocation, sales, queue and phase.
struct FlashSaleListView {
    let promotionTabs: [PromotionTabView]
    let flashRows: [Row]
    let hasFlashRows: Bool
    let flashForm: FlashSaleFormView?

    struct Row {
        let flashHref: String
        let flashTitle: String
        let flashSKU: String
        let flashPrice: String
        let flashAllocation: Int
        let flashSold: Int
        let flashLeft: Int
        let flashPerCustomer: Int
        let flashWindow: String
        let flashQueue: Int
        let flashPhase: String
        let flashPhaseClass: String
    }

    init(_ sales: [FlashSale], form: FlashSaleFormView?, now: Date, settings: ShopSettings) {
        flashForm = form
        promotionTabs = PromotionTabView.tabs(current: .flashSales)
        flashRows = sales.map { sale in
            let phase = sale.phase(at: now)
            return Row(
                flashHref: "/admin/promotions/flash-sales/\(sale.id.rawValue)", flashTitle: sale.title,
                flashSKU: sale.sku, flashPrice: settings.money(sale.price), flashAllocation: sale.quantity,
                flashSold: sale.sold, flashLeft: sale.left, flashPerCustomer: sale.perCustomerLimit,
                flashWindow: PromotionRuleView.moment(sale.startsAt, settings: settings) + " – "
                    + PromotionRuleView.moment(sale.endsAt, settings: settings),
                flashQueue: sale.queueLength, flashPhase: Self.phaseText(phase),
                flashPhaseClass: "flash-\(phase.rawValue)")
        }
        hasFlashRows = !sales.isEmpty
    }

    static func phaseText(_ phase: FlashSalePhase) -> String {
        switch phase {
        case .scheduled: "Scheduled"
        case .live: "Live"
        case .soldOut: "Sold out"
        case .ended: "Ended"
        case .cancelled: "Cancelled"
        }
    }
}
