/// The Promotions area's own tabs: promotions and coupons, campaigns, flash sales and group deals, all
/// readable with the same permission.
struct PromotionTabView {
    let tabHref: String
    let tabLabel: String
    let tabCurrent: Bool

    enum Tab: CaseIterable {
        case promotions, campaigns, flashSales, groupDeals
    }

    static func tabs(current: Tab) -> [PromotionTabView] {
        Tab.allCases.map { tab in
            let (href, label) =
                switch tab {
                case .promotions: ("/admin/promotions", "Promotions")
                case .campaigns: ("/admin/promotions/campaigns", "Campaigns")
                case .flashSales: ("/admin/promotions/flash-sales", "Flash sales")
                case .groupDeals: ("/admin/promotions/group-deals", "Group deals")
                }
            return PromotionTabView(tabHref: href, tabLabel: label, tabCurrent: tab == current)
        }
    }
}
