import Foundation
import Orders
import Testing
import TorvCore

@testable import TorvHTTP

@Suite("Dashboard sales figures")
struct SalesFiguresTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    /// Monday 7 December 2026, 12:00 in Berlin.
    static let now = Date(timeIntervalSince1970: 1_796_641_200)

    static func sale(_ hoursAgo: Double, _ cents: Int64, currency: Currency = .eur, paid: Bool = true) -> OrderSale {
        OrderSale(
            placedAt: now.addingTimeInterval(-hoursAgo * 3600), total: Money(minorUnits: cents, currency: currency),
            paid: paid)
    }

    @Test("orders fall on the shop's calendar days in its time zone, today last")
    func buckets() {
        // 12.5 hours ago is 23:30 on Sunday in Berlin (22:30 UTC): Sunday's, not Monday's.
        let figures = SalesFigures(
            sales: [Self.sale(1, 1000), Self.sale(11.5, 2000), Self.sale(12.5, 4000), Self.sale(24 * 13 + 11, 8000)],
            currency: .eur, now: Self.now, timeZone: Self.berlin)
        #expect(figures.days.count == 14)
        #expect(figures.days.last?.orders == 2 && figures.days.last?.revenue == 3000)
        #expect(figures.days[12].orders == 1 && figures.days[12].revenue == 4000)
        #expect(figures.days[0].revenue == 8000)
        #expect(figures.today == SalesFigures.Period(orders: 2, revenue: 3000))
        #expect(figures.week.revenue == 7000 && figures.previousWeek.revenue == 8000)
    }

    @Test("other currencies and future-dated orders are left out of the sums")
    func currencies() {
        let figures = SalesFigures(
            sales: [Self.sale(1, 1000), Self.sale(2, 5000, currency: Currency(code: "SEK")!), Self.sale(-1, 700)],
            currency: .eur, now: Self.now, timeZone: Self.berlin)
        #expect(figures.today == SalesFigures.Period(orders: 1, revenue: 1000))
    }

    @Test(
        "the average order value rounds half up; none without orders",
        arguments: [(0, 0, nil), (3, 1000, 333), (2, 3, 2), (4, 10, 3), (1, 999, 999)] as [(Int, Int, Int?)])
    func averages(orders: Int, revenue: Int, expected: Int?) {
        #expect(SalesFigures.Period(orders: orders, revenue: revenue).averageOrderValue == expected)
    }

    @Test(
        "week-on-week change to a tenth of a per cent, nothing to compare with zero",
        arguments: [(110, 100, "+10.0 %"), (63, 100, "−37.0 %"), (100, 100, "±0.0 %"), (1, 3, "−66.7 %"), (5, 0, nil)]
            as [(Int, Int, String?)])
    func change(now: Int, before: Int, expected: String?) {
        #expect(SalesFigures.change(now, from: before) == expected)
    }
}
