import Catalog
import Foundation
import TorvCore

/// Price histories told in days around `Date.reference` (day 0), for the honest-price tests.
enum HonestPriceFixture {
    static let variant = VariantID.fixed(100)
    static let base = PriceList(id: .fixed(1), name: "web EUR", channel: "web", currency: .eur, isBase: true)
    static let staff = PriceList(
        id: .fixed(2), name: "Staff", channel: "web", currency: .eur, priority: 9, customerGroup: "staff")

    /// A public sale list open from `from` until `until` (days), outranking the base list.
    static func sale(_ number: UInt64, from: Double, until: Double?, priority: Int = 5) -> PriceList {
        PriceList(
            id: .fixed(10 + number), name: "Sale \(number)", channel: "web", currency: .eur, priority: priority,
            startsAt: .days(from), endsAt: until.map(Date.days))
    }

    /// The history of prices set on lists, each `(list, day, amount)` with `nil` for a removed price,
    /// numbered in time order as the store numbers commits.
    static func changes(_ prices: [(PriceList, Double, Int64?)]) -> [PriceChange] {
        let ordered = prices.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
        var last: [PriceListID: Money] = [:]
        var changes: [PriceChange] = []
        for (index, (list, day, amount)) in ordered.map(\.element).enumerated() {
            let new = amount.map(Money.eur)
            changes.append(
                PriceChange(
                    id: .fixed(UInt64(1000 + index)), variantID: variant, sequence: Int64(index + 1),
                    priceListID: list.id, channel: list.channel, currency: list.currency, fromQuantity: 1,
                    oldPrice: last[list.id], newPrice: new, at: .days(day)))
            last[list.id] = new
        }
        return changes
    }

    static func timeline(_ prices: [(PriceList, Double, Int64?)], lists: [PriceList] = []) -> AppliedPriceTimeline {
        AppliedPriceTimeline(
            channel: "web", currency: .eur, lists: [base, staff] + lists, changes: changes(prices))
    }

    /// Base-list prices only: `(day, amount)`.
    static func timeline(base prices: [(Double, Int64?)]) -> AppliedPriceTimeline {
        timeline(prices.map { (base, $0.0, $0.1) })
    }

    /// `start..<end` in days.
    static func days(_ start: Double, _ end: Double) -> Range<Date> { Date.days(start)..<Date.days(end) }
}
