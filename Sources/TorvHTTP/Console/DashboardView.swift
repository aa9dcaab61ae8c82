/// The console's front page: how the shop is doing today and this week, what sells, what runs out,
/// and which limited offers are live. Each chart has its numbers beside it in a table.
struct DashboardView {
    let figures: [KeyFigure]
    let revenueChart: String
    let ordersChart: String
    let funnelChart: String
    let days: [DayRow]
    let funnel: [FunnelRowView]
    let bestSellers: [BestSellerRow]
    let lowStock: [LowStockRow]
    let flashSales: [LiveOfferRow]
    let groupDeals: [LiveOfferRow]
    let currencyNote: String
}

struct KeyFigure {
    let figureLabel: String
    let figureValue: String
    let figureDetail: String
}

struct DayRow {
    let dayLabel: String
    let dayOrders: Int
    let dayRevenue: String
}

struct FunnelRowView {
    let stageName: String
    let stageCount: Int
    let fromPrevious: String
    let fromFirst: String
}

struct BestSellerRow {
    let productTitle: String
    let units: Int
    let productRevenue: String
}

struct LowStockRow {
    let sku: String
    let available: Int
    let threshold: Int
}

struct LiveOfferRow {
    let offerTitle: String
    let offerState: String
    let offerDetail: String
}
