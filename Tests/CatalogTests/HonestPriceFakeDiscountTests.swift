import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Honest prices: fake discounts found before they go live")
struct HonestPriceFakeDiscountTests {
    typealias Fixture = HonestPriceFixture

    static func warnings(
        _ timeline: AppliedPriceTimeline, startsAt day: Double, reducedTo amount: Int64,
        policy: OmnibusPolicy = .standard
    ) throws -> [FakeDiscountWarning] {
        try FakeDiscountCheck.warnings(
            for: timeline, reductionStartsAt: .days(day), reducedPrice: .eur(amount), policy: policy)
    }

    @Test("a price raised two weeks before Black Friday and cut back to where it was is a fake discount")
    func blackFriday() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-14, 6000)])

        let warnings = try Self.warnings(timeline, startsAt: 0, reducedTo: 4000)

        #expect(
            warnings == [
                FakeDiscountWarning(
                    raise: PriceRaise(from: .eur(4000), to: .eur(6000), at: .days(-14)), advertisedFrom: .eur(6000),
                    reducedPrice: .eur(4000), priorPrice: .eur(4000), lowestInLookback: .eur(4000),
                    advertisedPercentOff: 33, honestPercentOff: 0, wouldMisleadShoppers: true)
            ])
    }

    @Test("a raise before a deeper cut is reported with the honest percentage, but is not a fake discount")
    func raiseThenDeeperCut() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-14, 6000)])

        let warning = try #require(try Self.warnings(timeline, startsAt: 0, reducedTo: 3000).first)

        #expect(warning.advertisedPercentOff == 50)
        #expect(warning.honestPercentOff == 25)
        #expect(!warning.wouldMisleadShoppers)
    }

    @Test("a raise sixty days before the reduction is outside the lookback")
    func oldRaiseNotFlagged() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-60, 6000)])

        #expect(try Self.warnings(timeline, startsAt: 0, reducedTo: 4000) == [])
    }

    @Test("a genuine reduction from a steady price is not flagged")
    func genuineReduction() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-50, 3900)])

        #expect(try Self.warnings(timeline, startsAt: 0, reducedTo: 3000) == [])
        #expect(try Self.warnings(Fixture.timeline(base: [(-10, 4000)]), startsAt: 0, reducedTo: 3000) == [])
        #expect(try Self.warnings(Fixture.timeline(base: []), startsAt: 0, reducedTo: 3000) == [])
    }

    @Test("a raise just outside the Omnibus window is caught by a longer lookback")
    func raiseJustOutsideWindow() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-32, 6000)])
        #expect(try Self.warnings(timeline, startsAt: 0, reducedTo: 4000) == [])

        let warning = try #require(
            try Self.warnings(timeline, startsAt: 0, reducedTo: 4000, policy: OmnibusPolicy(raiseLookbackDays: 45))
                .first)

        // The Omnibus prior price no longer sees 40, but the lookback does.
        #expect(warning.priorPrice == .eur(6000))
        #expect(warning.honestPercentOff == 33)
        #expect(warning.lowestInLookback == .eur(4000))
        #expect(warning.wouldMisleadShoppers)
    }

    @Test("each raise is its own warning, measured from the last price shoppers paid")
    func severalRaises() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-20, 5000), (-15, nil), (-10, 6000)])

        let warnings = try Self.warnings(timeline, startsAt: 0, reducedTo: 4500)

        #expect(
            warnings.map(\.raise) == [
                PriceRaise(from: .eur(4000), to: .eur(5000), at: .days(-20)),
                PriceRaise(from: .eur(5000), to: .eur(6000), at: .days(-10)),
            ])
        #expect(warnings.allSatisfy { $0.advertisedFrom == .eur(6000) && $0.advertisedPercentOff == 25 })
        #expect(warnings.allSatisfy { $0.honestPercentOff == -13 && $0.wouldMisleadShoppers })
    }

    @Test("a flash sale closing is a raise: shoppers paid less weeks before")
    func saleClosing() throws {
        let flash = Fixture.sale(1, from: -20, until: -18)
        let timeline = Fixture.timeline([(Fixture.base, -200, 4000), (flash, -60, 3000)], lists: [flash])

        let warnings = try Self.warnings(timeline, startsAt: 0, reducedTo: 3500)

        #expect(warnings.map(\.raise) == [PriceRaise(from: .eur(3000), to: .eur(4000), at: .days(-18))])
        #expect(warnings.first?.priorPrice == .eur(3000))
        #expect(warnings.first?.wouldMisleadShoppers == true)
    }

    @Test("a planned price already in the history does not count as before the reduction")
    func reductionItselfIgnored() throws {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-14, 6000), (0, 4000), (3, 6000)])

        let warnings = try Self.warnings(timeline, startsAt: 0, reducedTo: 4000)

        #expect(warnings.map(\.raise.at) == [.days(-14)])
        #expect(warnings.first?.advertisedFrom == .eur(6000))
    }

    @Test("a reduced price in another currency is refused")
    func currencyMismatch() {
        let timeline = Fixture.timeline(base: [(-200, 4000), (-14, 6000)])

        #expect(throws: MoneyError.currencyMismatch(.eur, .usd)) {
            try FakeDiscountCheck.warnings(for: timeline, reductionStartsAt: .days(0), reducedPrice: .usd(4000))
        }
    }
}
