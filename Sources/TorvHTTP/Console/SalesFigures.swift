import Foundation
import Orders
import TorvCore

/// The dashboard's sales figures, bucketed into the shop's calendar days in its own time zone: a plain
/// function of the orders and the clock, so the numbers beside each chart are tested on their own.
struct SalesFigures: Equatable {
    struct Day: Equatable {
        let start: Date
        var orders: Int
        var revenue: Int
    }

    struct Period: Equatable {
        var orders = 0
        var revenue = 0
        /// Average order value in minor units, rounded half up; nil without orders.
        var averageOrderValue: Int? {
            orders == 0 ? nil : (revenue * 2 + orders) / (orders * 2)
        }
    }

    /// The last `days` calendar days, oldest first, today last.
    let days: [Day]
    let today: Period
    /// Today and the six days before it.
    let week: Period
    /// The seven days before those.
    let previousWeek: Period

    /// - Parameter sales: orders in `currency` placed from the start of the first day on; other currencies
    ///   are left out (a revenue sum across currencies means nothing).
    init(sales: [OrderSale], currency: Currency, now: Date, timeZone: TimeZone, days count: Int = 14) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let todayStart = calendar.startOfDay(for: now)
        var days = (0..<count).reversed().map { back in
            Day(
                start: calendar.date(byAdding: .day, value: -back, to: todayStart) ?? todayStart, orders: 0, revenue: 0)
        }
        let weekStart = calendar.date(byAdding: .day, value: -6, to: todayStart) ?? todayStart
        let previousStart = calendar.date(byAdding: .day, value: -13, to: todayStart) ?? todayStart
        var today = Period()
        var week = Period()
        var previousWeek = Period()
        for sale in sales where sale.total.currency == currency && sale.placedAt <= now {
            let amount = Int(sale.total.amount)
            if let index = days.lastIndex(where: { $0.start <= sale.placedAt }) {
                days[index].orders += 1
                days[index].revenue += amount
            }
            if sale.placedAt >= todayStart {
                today.orders += 1
                today.revenue += amount
            }
            if sale.placedAt >= weekStart {
                week.orders += 1
                week.revenue += amount
            } else if sale.placedAt >= previousStart {
                previousWeek.orders += 1
                previousWeek.revenue += amount
            }
        }
        self.days = days
        self.today = today
        self.week = week
        self.previousWeek = previousWeek
    }

    /// Change against the previous week as "+12.5 %" / "−3.0 %", or nil when there is nothing to compare.
    static func change(_ now: Int, from before: Int) -> String? {
        guard before > 0 else { return nil }
        let tenths = ((now - before) * 1000 * 2 + (now >= before ? before : -before)) / (before * 2)
        let sign = tenths > 0 ? "+" : tenths < 0 ? "−" : "±"
        let magnitude = abs(tenths)
        return "\(sign)\(magnitude / 10).\(magnitude % 10) %"
    }
}
