import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Omnibus prior price (pure)")
struct PriorPriceTests {
    static let variant = VariantID.fixed(100)
    static let base = PriceList(id: .fixed(1), name: "web EUR", channel: "web", currency: .eur, isBase: true)
    static let flash = PriceList(
        id: .fixed(2), name: "Flash sale", channel: "web", currency: .eur, priority: 5, startsAt: .days(-20),
        endsAt: .days(-18))
    static let staff = PriceList(
        id: .fixed(3), name: "Staff", channel: "web", currency: .eur, priority: 9, customerGroup: "staff")

    static func change(
        _ sequence: Int64, _ list: PriceList, at day: Double, _ old: Int64?, _ new: Int64?
    ) -> PriceChange {
        PriceChange(
            id: .fixed(UInt64(1000 + sequence)), variantID: variant, sequence: sequence, priceListID: list.id,
            channel: list.channel, currency: list.currency, fromQuantity: 1, oldPrice: old.map(Money.eur),
            newPrice: new.map(Money.eur), at: .days(day))
    }

    static func lowest(_ lists: [PriceList], _ changes: [PriceChange], before day: Double = 0) -> Money? {
        PriorPrice.lowest(
            in: Date.days(day - 30)..<Date.days(day), channel: "web", currency: .eur, lists: lists, changes: changes)
    }

    @Test("a price set before the window and unchanged is the prior price")
    func steadyPrice() {
        #expect(Self.lowest([Self.base], [Self.change(1, Self.base, at: -100, nil, 2000)]) == .eur(2000))
    }

    @Test("the lowest of several prices in the window counts")
    func lowestInWindow() {
        let changes = [
            Self.change(1, Self.base, at: -100, nil, 2000), Self.change(2, Self.base, at: -25, 2000, 1800),
            Self.change(3, Self.base, at: -10, 1800, 2200),
        ]
        #expect(Self.lowest([Self.base], changes) == .eur(1800))
    }

    @Test("a price that ended before the window does not count")
    func olderPricesIgnored() {
        let changes = [Self.change(1, Self.base, at: -100, nil, 900), Self.change(2, Self.base, at: -40, 900, 2000)]
        #expect(Self.lowest([Self.base], changes) == .eur(2000))
    }

    @Test("a sale list's price counts only while the sale was open")
    func saleWindow() {
        let changes = [Self.change(1, Self.base, at: -100, nil, 2000), Self.change(2, Self.flash, at: -60, nil, 1200)]
        #expect(Self.lowest([Self.base, Self.flash], changes) == .eur(1200))
        // Thirty days before day 15 starts at day -15: the flash sale (days -20 to -18) is outside.
        #expect(Self.lowest([Self.base, Self.flash], changes, before: 15) == .eur(2000))
    }

    @Test("a customer group's price is not a price applied to all consumers")
    func groupPricesIgnored() {
        let changes = [Self.change(1, Self.base, at: -100, nil, 2000), Self.change(2, Self.staff, at: -50, nil, 1000)]
        #expect(Self.lowest([Self.base, Self.staff], changes) == .eur(2000))
    }

    @Test("without any price in the window there is no prior price")
    func noPrice() {
        #expect(Self.lowest([Self.base], []) == nil)
        #expect(Self.lowest([Self.base], [Self.change(1, Self.base, at: -1, nil, 2000)], before: -5) == nil)
        let removed = [Self.change(1, Self.base, at: -100, nil, 2000), Self.change(2, Self.base, at: -40, 2000, nil)]
        #expect(Self.lowest([Self.base], removed) == nil)
    }

    @Test("a price set at the moment itself is not prior")
    func reductionItselfExcluded() {
        let changes = [Self.change(1, Self.base, at: -100, nil, 2000), Self.change(2, Self.base, at: 0, 2000, 1500)]
        #expect(Self.lowest([Self.base], changes) == .eur(2000))
    }
}
