import PropertyBased
import Sellers
import Testing
import TorvCore

/// The buy box's promises for any set of offers, mixed currencies and duplicate IDs included.
@Suite struct BuyBoxPropertyTests {
    static let conditions = OfferCondition.allCases
    static let currencies: [Currency] = [.eur, .eur, .eur, .usd]

    /// Price, shipping, condition, handling days, rating (or unrated), rating count, stock, active, currency.
    static let offers = zip(
        Gen.int64(in: 0...50_000), Gen.int64(in: 0...1_000), Gen.int(in: 0...2), Gen.int(in: 0...14),
        Gen.int(in: 100...500).optional, Gen.int(in: 0...30), Gen.int(in: 0...3), Gen.bool(0.9), Gen.int(in: 0...3)
    )
    .array(of: 0...8)
    .map { specs in
        specs.enumerated().map { index, spec in
            let currency = currencies[spec.8]
            return BuyBoxCandidate(
                offerID: "off_\(index % 6)", sellerID: "sel_\(index)",
                price: Money(minorUnits: spec.0, currency: currency),
                shipping: Money(minorUnits: spec.1, currency: currency), condition: conditions[spec.2],
                handlingDays: spec.3, ratingAverage: spec.4, ratingCount: spec.5, available: spec.6,
                sellerActive: spec.7)
        }
    }

    @Test("the ranking does not depend on the order the offers arrive in")
    func orderIndependent() async {
        await propertyCheck(count: 500, input: Self.offers, Gen.int(in: 0...Int(Int32.max))) { offers, seed in
            var random = SeededRandom(seed: seed)
            #expect(BuyBox.rank(offers.shuffled(using: &random)) == BuyBox.rank(offers))
        }
    }

    @Test("every offer is listed once, eligible ones first by score, and the winner is the best eligible one")
    func listing() async {
        await propertyCheck(count: 500, input: Self.offers) { offers in
            let ranked = BuyBox.rank(offers)
            #expect(ranked.count == offers.count)
            #expect(ranked.map(\.offerID).sorted() == offers.map(\.offerID).sorted())

            let eligible = ranked.prefix { $0.eligible }
            #expect(ranked.dropFirst(eligible.count).allSatisfy { !$0.eligible })
            #expect(zip(eligible, eligible.dropFirst()).allSatisfy { $0.score <= $1.score })
            #expect(Set(eligible.map(\.landedPrice.currency)).count <= 1)
            for entry in eligible {
                #expect(entry.score >= entry.landedPrice.amount)
                #expect(entry.reasons.first == "landed price \(entry.landedPrice)")
                #expect(!entry.reasons.contains { $0.hasPrefix("not eligible") })
            }
            for entry in ranked where !entry.eligible {
                #expect(entry.reasons.contains { $0.hasPrefix("not eligible: ") })
            }
            #expect(BuyBox.winner(offers) == eligible.first)
        }
    }

    @Test("only new, in-stock offers from active sellers are ever eligible")
    func eligibility() async {
        await propertyCheck(count: 500, input: Self.offers) { offers in
            let eligibleIDs = Set(BuyBox.rank(offers).filter(\.eligible).map(\.offerID))
            for offer in offers where eligibleIDs.contains(offer.offerID) {
                // Duplicate IDs share an ID; at least one offer with it must qualify.
                let withID = offers.filter { $0.offerID == offer.offerID }
                #expect(withID.contains { $0.condition == .new && $0.available > 0 && $0.sellerActive })
            }
        }
    }
}
