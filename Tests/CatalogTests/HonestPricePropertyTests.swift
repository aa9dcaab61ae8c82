import Catalog
import Foundation
import PropertyBased
import Testing
import TorvCore

/// The prior price for any history of base prices, sales and group prices, checked against a price
/// worked out independently: ``PriceResolver`` asked at every moment a price could change.
@Suite struct HonestPricePropertyTests {
    typealias Fixture = HonestPriceFixture

    /// `(day, amount)` on the base list; amounts below 500 remove the price.
    static let basePrices = zip(Gen.int(in: -120...0), Gen.int(in: 0...10_000)).array(of: 1...8)
    /// `(start day, length in days, amount, priority)` of public sale lists.
    static let sales = zip(Gen.int(in: -120...10), Gen.int(in: 1...30), Gen.int(in: 500...10_000), Gen.int(in: 0...9))
        .array(of: 0...3)
    /// `(reduction start day, days since the first step of a progressive reduction or a negative for none)`.
    static let reduction = zip(Gen.int(in: -60...10), Gen.int(in: -10...20))

    static func history(
        _ base: [(Int, Int)], _ sales: [(Int, Int, Int, Int)]
    ) -> (lists: [PriceList], changes: [PriceChange]) {
        let saleLists = sales.enumerated().map { index, sale in
            Fixture.sale(UInt64(index), from: Double(sale.0), until: Double(sale.0 + sale.1), priority: sale.3)
        }
        var prices: [(PriceList, Double, Int64?)] = base.map {
            (Fixture.base, Double($0.0), $0.1 < 500 ? nil : Int64($0.1))
        }
        prices += zip(saleLists, sales).map { ($0, Double($1.0 - 5), Int64($1.2)) }
        prices.append((Fixture.staff, -90, 100))
        return ([Fixture.base, Fixture.staff] + saleLists, Fixture.changes(prices))
    }

    /// Every price shoppers paid at some moment of `window`, asked of ``PriceResolver`` directly.
    static func appliedPrices(in window: Range<Date>, lists: [PriceList], changes: [PriceChange]) -> [Money] {
        let edges = changes.map(\.at) + lists.flatMap { [$0.startsAt, $0.endsAt].compactMap { $0 } }
        let moments = [window.lowerBound] + edges.filter(window.contains)
        return moments.compactMap { moment in
            let candidates = lists.compactMap { list -> PriceCandidate? in
                let state = changes.filter { $0.priceListID == list.id && $0.at <= moment }.max {
                    $0.sequence < $1.sequence
                }
                guard let price = state?.newPrice else { return nil }
                return PriceCandidate(list: list, tiers: [PriceTier(unitPrice: price)])
            }
            return PriceResolver.resolve(candidates, for: PricingContext(channel: "web", currency: .eur, at: moment))?
                .unitPrice
        }
    }

    @Test("the prior price lies between the window's lowest and highest applied prices and applied in the window")
    func referenceWithinWindow() async {
        await propertyCheck(count: 300, input: Self.basePrices, Self.sales, Self.reduction) { base, sales, reduction in
            let (lists, changes) = Self.history(base, sales)
            let timeline = AppliedPriceTimeline(channel: "web", currency: .eur, lists: lists, changes: changes)
            let start = Date.days(Double(reduction.0))
            let firstStep = reduction.1 < 0 ? nil : start.addingTimeInterval(-Double(reduction.1) * 86_400)

            let reference = HonestPrice.reference(
                for: timeline, reductionStartsAt: start, isPerishable: false, progressiveSince: firstStep)

            let end = firstStep ?? start
            let window = end.addingTimeInterval(-30 * 86_400)..<end
            let applied = Self.appliedPrices(in: window, lists: lists, changes: changes).map(\.amount)
            guard let price = reference.price, let lowest = applied.min(), let highest = applied.max() else {
                #expect(reference.price == nil && applied.isEmpty)
                #expect(reference.basis == .noHistory)
                return
            }
            #expect(price.amount >= lowest)
            #expect(price.amount <= highest)
            #expect(applied.contains(price.amount))
            let period = try #require(reference.period)
            #expect(period.lowerBound >= window.lowerBound && period.upperBound == window.upperBound)
            #expect(timeline.segments(in: period).contains { $0.price == price })
        }
    }

    @Test("the timeline gives the price PriceResolver gives at every moment a price could change")
    func timelineAgreesWithResolver() async {
        await propertyCheck(count: 200, input: Self.basePrices, Self.sales) { base, sales in
            let (lists, changes) = Self.history(base, sales)
            let timeline = AppliedPriceTimeline(channel: "web", currency: .eur, lists: lists, changes: changes)

            let edges = changes.map(\.at) + lists.flatMap { [$0.startsAt, $0.endsAt].compactMap { $0 } }
            for moment in edges {
                let expected = Self.appliedPrices(in: moment..<moment, lists: lists, changes: changes).first
                #expect(timeline.price(at: moment) == expected)
            }
        }
    }

    @Test("a percentage off never overstates the reduction")
    func percentNeverOverstated() async {
        await propertyCheck(count: 500, input: Gen.int64(in: 1...10_000_000), Gen.int64(in: 0...20_000_000)) {
            original, reduced in
            let percent = try #require(HonestPrice.percentOff(from: .eur(original), to: .eur(reduced)))
            // percent ≤ 100 × (original − reduced) / original < percent + 1, in integers.
            #expect(Int64(percent) * original <= (original - reduced) * 100)
            #expect((original - reduced) * 100 < Int64(percent + 1) * original)
        }
    }
}
