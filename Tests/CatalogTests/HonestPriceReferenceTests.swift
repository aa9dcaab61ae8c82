import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Honest prices: the prior price shown beside a reduction")
struct HonestPriceReferenceTests {
    typealias Fixture = HonestPriceFixture

    static func reference(
        _ timeline: AppliedPriceTimeline, startsAt day: Double, isPerishable: Bool = false,
        progressiveSince: Double? = nil, policy: OmnibusPolicy = .standard
    ) -> ReferencePrice {
        HonestPrice.reference(
            for: timeline, reductionStartsAt: .days(day), isPerishable: isPerishable,
            progressiveSince: progressiveSince.map(Date.days), policy: policy)
    }

    @Test("the window is the 30 days before the reduction started, so the reduced price never hides itself")
    func windowBeforeStart() {
        let timeline = Fixture.timeline(base: [(-200, 4000), (0, 3000)])

        let reference = Self.reference(timeline, startsAt: 0)

        #expect(
            reference
                == ReferencePrice(price: .eur(4000), basis: .lowestInWindow(days: 30), period: Fixture.days(-30, 0)))
        // Ten days into the sale, a window ending "now" would hold the reduced price and show no reduction.
        #expect(timeline.lowest(in: Fixture.days(-20, 10)) == .eur(3000))
        #expect(Self.reference(timeline, startsAt: 0).price == .eur(4000))
    }

    @Test("the lowest price of the window counts, and one that ended before the window does not")
    func lowestInWindow() {
        let dipped = Fixture.timeline(base: [(-200, 5000), (-20, 4500), (-10, 5000), (0, 4000)])
        #expect(Self.reference(dipped, startsAt: 0).price == .eur(4500))

        let older = Fixture.timeline(base: [(-200, 3000), (-40, 5000), (0, 4000)])
        #expect(Self.reference(older, startsAt: 0).price == .eur(5000))
        // A price that ended exactly at the window's start no longer applied in it.
        let atEdge = Fixture.timeline(base: [(-200, 3000), (-30, 5000), (0, 4000)])
        #expect(Self.reference(atEdge, startsAt: 0).price == .eur(5000))
    }

    @Test("a product on sale for less than the window is measured since it was first offered, and says so")
    func newProduct() {
        let timeline = Fixture.timeline(base: [(-10, 5000), (-4, 5500), (0, 4000)])

        let reference = Self.reference(timeline, startsAt: 0)

        #expect(reference.price == .eur(5000))
        #expect(reference.basis == .lowestSinceFirstOffered(since: .days(-10)))
        #expect(reference.period == Fixture.days(-10, 0))
    }

    @Test("without the new-product exception the full window is searched and named")
    func newProductWithoutException() {
        let timeline = Fixture.timeline(base: [(-10, 5000), (0, 4000)])
        let policy = OmnibusPolicy(newProductsSinceFirstOffered: false)

        let reference = Self.reference(timeline, startsAt: 0, policy: policy)

        #expect(
            reference
                == ReferencePrice(price: .eur(5000), basis: .lowestInWindow(days: 30), period: Fixture.days(-30, 0)))
    }

    @Test("a product offered before the window but withdrawn for a while is not new")
    func returningProductIsNotNew() {
        let timeline = Fixture.timeline(base: [(-90, 5000), (-60, nil), (-10, 5200), (0, 4000)])

        let reference = Self.reference(timeline, startsAt: 0)

        #expect(
            reference
                == ReferencePrice(price: .eur(5200), basis: .lowestInWindow(days: 30), period: Fixture.days(-30, 0)))
    }

    @Test("a perishable good is exempt, unless the policy says otherwise")
    func perishable() {
        let timeline = Fixture.timeline(base: [(-200, 400), (0, 250)])

        #expect(
            Self.reference(timeline, startsAt: 0, isPerishable: true)
                == ReferencePrice(price: nil, basis: .exemptPerishable, period: nil))
        let strict = OmnibusPolicy(exemptsPerishables: false)
        #expect(Self.reference(timeline, startsAt: 0, isPerishable: true, policy: strict).price == .eur(400))
    }

    @Test("every step of a progressive reduction is measured before the first step")
    func progressiveReduction() {
        let timeline = Fixture.timeline(base: [(-200, 4000), (0, 3500), (7, 3000), (14, 2500)])

        let third = Self.reference(timeline, startsAt: 14, progressiveSince: 0)

        #expect(
            third
                == ReferencePrice(
                    price: .eur(4000), basis: .progressiveFrom(start: .days(0)), period: Fixture.days(-30, 0)))
        // Measured on its own, the third step would be compared with the second step's price.
        #expect(Self.reference(timeline, startsAt: 14).price == .eur(3000))
        let stepwise = OmnibusPolicy(progressiveFromFirstReduction: false)
        #expect(
            Self.reference(timeline, startsAt: 14, progressiveSince: 0, policy: stepwise)
                == ReferencePrice(price: .eur(3000), basis: .lowestInWindow(days: 30), period: Fixture.days(-16, 14)))
    }

    @Test("a first step given after the current one is read as the current one")
    func progressiveSinceAfterStart() {
        let timeline = Fixture.timeline(base: [(-200, 4000), (0, 3500), (7, 3000)])

        let reference = Self.reference(timeline, startsAt: 7, progressiveSince: 9)

        #expect(reference.basis == .progressiveFrom(start: .days(7)))
        #expect(reference.price == .eur(3500))
    }

    @Test("a sale list's price counts only while it was open in the window")
    func saleListsInWindow() {
        let flash = Fixture.sale(1, from: -20, until: -18)
        let timeline = Fixture.timeline([(Fixture.base, -200, 4000), (flash, -60, 3000)], lists: [flash])

        #expect(Self.reference(timeline, startsAt: 0).price == .eur(3000))
        // Thirty days before day 15 start at day -15: the flash sale had closed.
        #expect(Self.reference(timeline, startsAt: 15).price == .eur(4000))
    }

    @Test("a sale open when the window starts counts; one closing exactly then does not")
    func saleAtWindowStart() {
        let spanning = Fixture.sale(1, from: -40, until: -25)
        let closed = Fixture.sale(2, from: -60, until: -30, priority: 6)
        let timeline = Fixture.timeline(
            [(Fixture.base, -200, 4000), (spanning, -60, 3500), (closed, -60, 2000)], lists: [spanning, closed])

        #expect(Self.reference(timeline, startsAt: 0).price == .eur(3500))
        #expect(Self.reference(timeline, startsAt: 6).price == .eur(4000))
    }

    @Test("a reduction made by opening a sale list is measured before the list opened")
    func saleListOpeningIsTheReduction() {
        let blackFriday = Fixture.sale(1, from: 0, until: 4)
        let timeline = Fixture.timeline([(Fixture.base, -200, 4000), (blackFriday, -5, 3000)], lists: [blackFriday])

        #expect(timeline.price(at: .days(1)) == .eur(3000))
        #expect(Self.reference(timeline, startsAt: 0).price == .eur(4000))
    }

    @Test("a customer group's price is not applied to all consumers")
    func groupPriceIgnored() {
        let timeline = Fixture.timeline([(Fixture.base, -200, 4000), (Fixture.staff, -50, 1000)])

        #expect(Self.reference(timeline, startsAt: 0).price == .eur(4000))
    }

    @Test("without a public price in the window there is no prior price, and no reduction to claim")
    func noHistory() {
        #expect(
            Self.reference(Fixture.timeline(base: []), startsAt: 0)
                == ReferencePrice(price: nil, basis: .noHistory, period: Fixture.days(-30, 0)))
        let withdrawn = Fixture.timeline(base: [(-200, 4000), (-40, nil), (0, 3000)])
        #expect(Self.reference(withdrawn, startsAt: 0).basis == .noHistory)
        #expect(Self.reference(Fixture.timeline(base: [(0, 3000)]), startsAt: 0).price == nil)
    }

    @Test("a stored policy without newer settings decodes with their defaults")
    func policyDecodesDefaults() throws {
        let decoder = JSONDecoder()
        #expect(try decoder.decode(OmnibusPolicy.self, from: Data("{}".utf8)) == .standard)
        let german = try decoder.decode(
            OmnibusPolicy.self, from: Data(#"{"windowDays": 30, "exemptsPerishables": false}"#.utf8))
        #expect(german == OmnibusPolicy(exemptsPerishables: false))
        let custom = OmnibusPolicy(
            windowDays: 60, exemptsPerishables: false, newProductsSinceFirstOffered: false,
            progressiveFromFirstReduction: false, raiseLookbackDays: 90)
        #expect(try decoder.decode(OmnibusPolicy.self, from: JSONEncoder().encode(custom)) == custom)
        #expect(OmnibusPolicy.standard.windowDays == 30 && OmnibusPolicy.standard.raiseLookbackDays == 30)
    }

    @Test("a reference price round-trips through JSON with its reason")
    func referenceCodable() throws {
        let reference = ReferencePrice(
            price: .eur(4000), basis: .progressiveFrom(start: .days(0)), period: Fixture.days(-30, 0))
        let decoded = try JSONDecoder().decode(ReferencePrice.self, from: JSONEncoder().encode(reference))
        #expect(decoded == reference)
    }
}
