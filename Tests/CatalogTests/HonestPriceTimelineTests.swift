import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Honest prices: the applied price over time")
struct HonestPriceTimelineTests {
    typealias Fixture = HonestPriceFixture
    typealias Segment = AppliedPriceTimeline.Segment

    static func segment(_ day: Double, _ amount: Int64?) -> Segment {
        Segment(from: .days(day), price: amount.map(Money.eur))
    }

    @Test("base prices, a sale opening and closing, and a withdrawal make the segments, unchanged prices merged")
    func segments() {
        let sale = Fixture.sale(1, from: -20, until: -10)
        let timeline = Fixture.timeline(
            [
                (Fixture.base, -100, 4000), (Fixture.base, -50, 4000), (sale, -60, 3000), (Fixture.base, -5, 4500),
                (Fixture.base, -2, nil),
            ], lists: [sale])

        #expect(
            timeline.segments == [
                Self.segment(-100, 4000), Self.segment(-20, 3000), Self.segment(-10, 4000), Self.segment(-5, 4500),
                Self.segment(-2, nil),
            ])
        #expect(timeline.firstOffered == .days(-100))
    }

    @Test("the price at a moment: nothing before the first price, a segment's start included, its end not")
    func priceAt() {
        let sale = Fixture.sale(1, from: -20, until: -10)
        let timeline = Fixture.timeline([(Fixture.base, -100, 4000), (sale, -60, 3000)], lists: [sale])

        #expect(timeline.price(at: .days(-101)) == nil)
        #expect(timeline.price(at: .days(-100)) == .eur(4000))
        #expect(timeline.price(at: .days(-20)) == .eur(3000))
        #expect(timeline.price(at: .days(-10).addingTimeInterval(-1)) == .eur(3000))
        #expect(timeline.price(at: .days(-10)) == .eur(4000))
        #expect(timeline.price(at: .days(1_000)) == .eur(4000))
    }

    @Test("segments in a window are clipped to it; lowest and highest read only those")
    func window() {
        let timeline = Fixture.timeline(base: [(-100, 4000), (-20, 3000), (-10, 5000), (5, 2000)])

        #expect(
            timeline.segments(in: Fixture.days(-30, 0)) == [
                Self.segment(-30, 4000), Self.segment(-20, 3000), Self.segment(-10, 5000),
            ])
        #expect(timeline.lowest(in: Fixture.days(-30, 0)) == .eur(3000))
        #expect(timeline.highest(in: Fixture.days(-30, 0)) == .eur(5000))
        #expect(timeline.segments(in: Fixture.days(-200, -150)) == [])
        #expect(timeline.segments(in: Fixture.days(0, 0)) == [])
        #expect(timeline.lowest(in: Fixture.days(-200, -150)) == nil)
    }

    @Test("a customer group's list and other channels and currencies never show")
    func onlyPublicPrices() {
        let app = PriceList(id: .fixed(20), name: "app EUR", channel: "app", currency: .eur, priority: 9)
        let usd = PriceList(id: .fixed(21), name: "web USD", channel: "web", currency: .usd, priority: 9)
        let usdChange = PriceChange(
            id: .fixed(999), variantID: Fixture.variant, sequence: 99, priceListID: usd.id, channel: "web",
            currency: .usd, fromQuantity: 1, oldPrice: nil, newPrice: .usd(100), at: .days(-40))
        let timeline = AppliedPriceTimeline(
            channel: "web", currency: .eur, lists: [Fixture.base, Fixture.staff, app, usd],
            changes: Fixture.changes([(Fixture.base, -100, 4000), (Fixture.staff, -50, 1000), (app, -50, 1500)])
                + [usdChange])

        #expect(timeline.segments == [Self.segment(-100, 4000)])
    }

    @Test("a list's state is its latest change by sequence, even when two share a moment")
    func sequenceOrder() {
        let changes = Fixture.changes([
            (Fixture.base, -100, 4000), (Fixture.base, -50, 3000), (Fixture.base, -50, 3500),
        ])

        let timeline = AppliedPriceTimeline(
            channel: "web", currency: .eur, lists: [Fixture.base], changes: changes.reversed())

        #expect(timeline.segments == [Self.segment(-100, 4000), Self.segment(-50, 3500)])
    }

    @Test("a later commit stamped earlier (a clock step back) still wins from its moment on")
    func clockSkew() {
        func change(_ sequence: Int64, at day: Double, _ amount: Int64) -> PriceChange {
            PriceChange(
                id: .fixed(UInt64(1000 + sequence)), variantID: Fixture.variant, sequence: sequence,
                priceListID: Fixture.base.id, channel: "web", currency: .eur, fromQuantity: 1, oldPrice: nil,
                newPrice: .eur(amount), at: .days(day))
        }
        let changes = [change(1, at: -100, 4000), change(2, at: -50, 3000), change(3, at: -60, 3500)]

        let timeline = AppliedPriceTimeline(channel: "web", currency: .eur, lists: [Fixture.base], changes: changes)

        #expect(timeline.segments == [Self.segment(-100, 4000), Self.segment(-60, 3500)])
        #expect(
            PriorPrice.lowest(
                in: Fixture.days(-70, -40), channel: "web", currency: .eur, lists: [Fixture.base], changes: changes)
                == .eur(3500))
    }

    @Test("hand-made segments are sorted, merged, and the last of equal moments wins")
    func normalised() {
        let timeline = AppliedPriceTimeline(
            channel: "web", currency: .eur,
            segments: [
                Self.segment(-10, 3000), Self.segment(-50, nil), Self.segment(-40, 4000), Self.segment(-30, 4000),
                Self.segment(-10, 4500),
            ])

        #expect(timeline.segments == [Self.segment(-40, 4000), Self.segment(-10, 4500)])
    }

    @Test("the Omnibus prior price reads the same timeline")
    func priorPriceAgrees() {
        let sale = Fixture.sale(1, from: -20, until: -18)
        let lists = [Fixture.base, Fixture.staff, sale]
        let changes = Fixture.changes([(Fixture.base, -100, 4000), (sale, -60, 3000), (Fixture.staff, -50, 1000)])
        let timeline = AppliedPriceTimeline(channel: "web", currency: .eur, lists: lists, changes: changes)

        for window in [Fixture.days(-30, 0), Fixture.days(-15, 15), Fixture.days(-19, -18), Fixture.days(-200, -150)] {
            #expect(
                PriorPrice.lowest(in: window, channel: "web", currency: .eur, lists: lists, changes: changes)
                    == timeline.lowest(in: window))
        }
    }
}
