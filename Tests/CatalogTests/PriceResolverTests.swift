import Catalog
import Foundation
import Testing
import TorvCore

@Suite("Price resolution")
struct PriceResolverTests {
    static let base = PriceList(id: .fixed(1), name: "web EUR", channel: "web", currency: .eur, isBase: true)
    static let sale = PriceList(
        id: .fixed(2), name: "Summer sale", channel: "web", currency: .eur, priority: 10, startsAt: .days(0),
        endsAt: .days(7))
    static let wholesale = PriceList(
        id: .fixed(3), name: "Wholesale", channel: "web", currency: .eur, priority: 0, customerGroup: "b2b")
    static let app = PriceList(id: .fixed(4), name: "app EUR", channel: "app", currency: .eur, isBase: true)
    static let usd = PriceList(id: .fixed(5), name: "web USD", channel: "web", currency: .usd, isBase: true)
    static let rival = PriceList(id: .fixed(6), name: "Rival", channel: "web", currency: .eur)

    static func candidate(_ list: PriceList, _ tiers: [(Int, Int64)]) -> PriceCandidate {
        PriceCandidate(
            list: list,
            tiers: tiers.map {
                PriceTier(fromQuantity: $0.0, unitPrice: Money(minorUnits: $0.1, currency: list.currency))
            })
    }

    static let everything = [
        candidate(base, [(1, 2000), (10, 1800), (50, 1500)]),
        candidate(sale, [(1, 1500)]),
        candidate(wholesale, [(1, 1700), (100, 1200)]),
        candidate(app, [(1, 1900)]),
        candidate(usd, [(1, 2400)]),
    ]

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let candidates: [PriceCandidate]
        let context: PricingContext
        /// Expected list and tier and unit price, or nil for "no price".
        let expected: (list: PriceListID, from: Int, amount: Int64)?
        var testDescription: String { name }
    }

    static func web(
        _ quantity: Int = 1, at: Date = .days(-1), group: String? = nil, currency: Currency = .eur
    )
        -> PricingContext
    {
        PricingContext(
            channel: "web", currency: currency, customerGroups: Set([group].compactMap { $0 }), quantity: quantity,
            at: at)
    }

    static let cases: [Case] = [
        Case(
            name: "one unit gets the base price", candidates: everything, context: web(), expected: (base.id, 1, 2000)),
        Case(
            name: "9 units stay on the first tier", candidates: everything, context: web(9),
            expected: (base.id, 1, 2000)),
        Case(
            name: "10 units reach the second tier", candidates: everything, context: web(10),
            expected: (base.id, 10, 1800)),
        Case(
            name: "500 units take the highest tier", candidates: everything, context: web(500),
            expected: (base.id, 50, 1500)),
        Case(
            name: "an open sale outranks the base list", candidates: everything, context: web(at: .days(1)),
            expected: (sale.id, 1, 1500)),
        Case(
            name: "the sale starts at its start, inclusive", candidates: everything, context: web(at: .days(0)),
            expected: (sale.id, 1, 1500)),
        Case(
            name: "the sale is over at its end, exclusive", candidates: everything, context: web(at: .days(7)),
            expected: (base.id, 1, 2000)),
        Case(
            name: "a higher-priority list wins even when dearer",
            candidates: [candidate(base, [(1, 1000)]), candidate(sale, [(1, 1500)])], context: web(at: .days(1)),
            expected: (sale.id, 1, 1500)),
        Case(
            name: "a group list beats a public list of equal priority", candidates: everything,
            context: web(group: "b2b"),
            expected: (wholesale.id, 1, 1700)),
        Case(
            name: "the group's own tiers apply", candidates: everything, context: web(100, group: "b2b"),
            expected: (wholesale.id, 100, 1200)),
        Case(
            name: "another group does not get the group list", candidates: everything, context: web(group: "retail"),
            expected: (base.id, 1, 2000)),
        Case(
            name: "the sale still outranks the group list", candidates: everything,
            context: web(at: .days(1), group: "b2b"),
            expected: (sale.id, 1, 1500)),
        Case(
            name: "on equal rank the lower price wins",
            candidates: [candidate(rival, [(1, 1990)]), candidate(base, [(1, 2000)])], context: web(),
            expected: (rival.id, 1, 1990)),
        Case(
            name: "on equal rank and price the older list wins",
            candidates: [candidate(rival, [(1, 2000)]), candidate(base, [(1, 2000)])], context: web(),
            expected: (base.id, 1, 2000)),
        Case(
            name: "the currency selects the list", candidates: everything, context: web(currency: .usd),
            expected: (usd.id, 1, 2400)),
        Case(
            name: "a currency without a list has no price", candidates: everything, context: web(currency: .gbp),
            expected: nil),
        Case(
            name: "the channel selects the list", candidates: everything,
            context: PricingContext(channel: "app", currency: .eur, at: .days(1)), expected: (app.id, 1, 1900)),
        Case(
            name: "a list without a tier for the quantity does not count",
            candidates: [candidate(base, [(1, 2000)]), candidate(rival, [(10, 900)])], context: web(5),
            expected: (base.id, 1, 2000)),
        Case(name: "no candidates, no price", candidates: [], context: web(), expected: nil),
    ]

    @Test("resolution", arguments: cases)
    func resolution(_ testCase: Case) {
        let resolved = PriceResolver.resolve(testCase.candidates, for: testCase.context)
        if let expected = testCase.expected {
            #expect(resolved?.priceListID == expected.list)
            #expect(resolved?.fromQuantity == expected.from)
            #expect(resolved?.unitPrice == Money(minorUnits: expected.amount, currency: testCase.context.currency))
        } else {
            #expect(resolved == nil)
        }
    }

    @Test("the answer does not depend on the order of the candidates")
    func orderIndependent() {
        for context in Self.cases.map(\.context) {
            let forward = PriceResolver.resolve(Self.everything, for: context)
            let backward = PriceResolver.resolve(Self.everything.reversed(), for: context)
            #expect(forward == backward)
        }
    }
}
