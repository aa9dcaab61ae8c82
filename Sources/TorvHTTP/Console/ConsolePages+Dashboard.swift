import Checkout
import Flows
import Foundation
import Hummingbird
import Inventory
import Orders
import Persistence
import Promotions
import TorvCore

extension ConsolePages {
    func dashboard(_ request: Request, visit: StaffVisit) async throws -> Response {
        let now = platform.clock.now()
        let settings = self.settings
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = settings.timeZone
        let todayStart = calendar.startOfDay(for: now)
        let fortnightStart = calendar.date(byAdding: .day, value: -13, to: todayStart) ?? todayStart
        let weekStart = calendar.date(byAdding: .day, value: -6, to: todayStart) ?? todayStart
        let tomorrow = calendar.date(byAdding: .day, value: 1, to: todayStart) ?? now
        let (orders, inventory, checkout) = (platform.orders, platform.inventory, platform.checkout)
        let (sales, best, low, carts) = try await platform.database.read { db in
            (
                try await orders.sales(placed: fortnightStart..<tomorrow, on: db),
                try await orders.bestSellers(
                    placed: weekStart..<tomorrow, currency: settings.currency, limit: 5, on: db),
                try await inventory.lowStock(limit: 8, on: db),
                try await checkout.cartFunnel(opened: weekStart..<tomorrow, on: db)
            )
        }
        let figures = SalesFigures(sales: sales, currency: settings.currency, now: now, timeZone: settings.timeZone)
        let weekSales = sales.filter { $0.placedAt >= weekStart && $0.total.currency == settings.currency }
        let flashSales = try await FlashSales.showing(on: platform)
        let groupDeals = try await GroupDeals.showing(on: platform)

        let money: @Sendable (Int) -> String = { minor in
            settings.money(Money(minorUnits: Int64(minor), currency: settings.currency))
        }
        let dayLabel = { (date: Date) in
            date.formatted(
                Date.FormatStyle(locale: settings.locale, timeZone: settings.timeZone).weekday(.abbreviated).day())
        }
        let points = figures.days.map { ChartPoint(label: dayLabel($0.start), value: $0.revenue) }
        let stages = [
            FunnelStage(name: "Carts opened", count: carts.opened),
            FunnelStage(name: "Reached checkout", count: carts.reachedCheckout),
            FunnelStage(name: "Ordered", count: carts.checkedOut),
            FunnelStage(name: "Paid", count: weekSales.filter(\.paid).count),
        ]
        let funnel = FunnelChart(id: "funnel", title: "Checkout funnel, last 7 days", stages: stages)
        let view = DashboardView(
            figures: keyFigures(figures, money: money),
            revenueChart: LineChart(
                id: "revenue", title: "Revenue per day, last 14 days",
                series: ChartSeries(name: "Revenue", points: points), formatValue: money
            ).svg,
            ordersChart: BarChart(
                id: "orders", title: "Orders per day, last 14 days",
                bars: figures.days.map { ChartPoint(label: dayLabel($0.start), value: $0.orders) },
                highlightedIndex: figures.days.count - 1
            ).svg,
            funnelChart: funnel.svg,
            days: figures.days.reversed().map {
                DayRow(dayLabel: dayLabel($0.start), dayOrders: $0.orders, dayRevenue: money($0.revenue))
            },
            funnel: funnel.rows.map {
                FunnelRowView(
                    stageName: $0.stage.name, stageCount: $0.stage.count, fromPrevious: $0.fromPrevious.text,
                    fromFirst: $0.fromFirst.text)
            },
            bestSellers: best.map {
                BestSellerRow(productTitle: $0.title, units: $0.units, productRevenue: settings.money($0.revenue))
            },
            lowStock: low.map { LowStockRow(sku: $0.sku, available: $0.available, threshold: $0.threshold) },
            flashSales: flashSales.map { showing in
                LiveOfferRow(
                    offerTitle: showing.sale.title, offerState: Self.phaseText(showing.phase),
                    offerDetail: "\(showing.sale.left) of \(showing.sale.quantity) left, \(showing.sale.sold) sold, "
                        + "\(showing.sale.queueLength) in the waiting room")
            },
            groupDeals: groupDeals.map { showing in
                LiveOfferRow(
                    offerTitle: showing.deal.title,
                    offerState: showing.phase.rawValue.replacingOccurrences(of: "_", with: " "),
                    offerDetail: "\(showing.participants) joined of \(showing.deal.minParticipants) needed, "
                        + "deadline \(settings.dateTime(showing.deal.deadline))")
            },
            currencyNote:
                "Figures in \(settings.currency.code), VAT included; cancelled orders and orders waiting for approval are left out."
        )
        return try render(
            "console-dashboard", title: "Dashboard", section: .dashboard, view: view, visit: visit, request: request)
    }

    private func keyFigures(_ figures: SalesFigures, money: (Int) -> String) -> [KeyFigure] {
        let week = figures.week
        let previous = figures.previousWeek
        return [
            KeyFigure(
                figureLabel: "Revenue today", figureValue: money(figures.today.revenue),
                figureDetail: "\(figures.today.orders) orders"),
            KeyFigure(
                figureLabel: "Average order today", figureValue: figures.today.averageOrderValue.map(money) ?? "—",
                figureDetail: "VAT included"),
            KeyFigure(
                figureLabel: "Revenue, last 7 days", figureValue: money(week.revenue),
                figureDetail: SalesFigures.change(week.revenue, from: previous.revenue).map {
                    "\($0) on the 7 days before"
                }
                    ?? "nothing to compare with"),
            KeyFigure(
                figureLabel: "Orders, last 7 days", figureValue: "\(week.orders)",
                figureDetail: SalesFigures.change(week.orders, from: previous.orders).map {
                    "\($0) on the 7 days before"
                }
                    ?? "nothing to compare with"),
            KeyFigure(
                figureLabel: "Average order, last 7 days", figureValue: week.averageOrderValue.map(money) ?? "—",
                figureDetail: previous.averageOrderValue.map { "was \(money($0))" } ?? ""),
        ]
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
