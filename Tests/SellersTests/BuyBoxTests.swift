import Sellers
import Testing
import TorvCore

@Suite struct BuyBoxTests {
    typealias Offer = BuyBoxCandidate

    @Test(
        "the better offer wins the buy box",
        arguments: [
            ("the cheaper offer", Offer.fixture("a", price: 2_000), Offer.fixture("b", price: 2_100)),
            ("shipping counts", Offer.fixture("a", price: 2_100), Offer.fixture("b", price: 1_800, shipping: 400)),
            (
                "a week's handling outweighs 2.5 %", Offer.fixture("a", price: 2_050),
                Offer.fixture("b", price: 2_000, handlingDays: 7)
            ),
            (
                "a 3.5-star seller pays 5 %", Offer.fixture("a", price: 2_050),
                Offer.fixture("b", price: 2_000, rating: 350)
            ),
            (
                "three ratings are not yet trusted", Offer.fixture("a", price: 2_080),
                Offer.fixture("b", price: 2_000, ratings: 3)
            ),
            (
                "an unrated seller pays 5 %", Offer.fixture("a", price: 2_080),
                Offer.fixture("b", price: 2_000, rating: nil)
            ),
            (
                "a slower offer that is much cheaper still wins", Offer.fixture("a", price: 1_500, handlingDays: 12),
                Offer.fixture("b", price: 2_000)
            ),
            (
                "used never wins, however cheap", Offer.fixture("a", price: 3_000),
                Offer.fixture("b", price: 100, condition: .used)
            ),
            (
                "nor refurbished", Offer.fixture("a", price: 3_000),
                Offer.fixture("b", price: 100, condition: .refurbished)
            ),
            (
                "a seller on holiday cannot win", Offer.fixture("a", price: 3_000),
                Offer.fixture("b", price: 100, active: false)
            ),
            (
                "nor an offer out of stock", Offer.fixture("a", price: 3_000),
                Offer.fixture("b", price: 100, available: 0)
            ),
        ] as [(String, Offer, Offer)]
    )
    func betterOfferWins(_ why: String, better: Offer, worse: Offer) {
        for candidates in [[better, worse], [worse, better]] {
            #expect(BuyBox.winner(candidates)?.offerID == better.offerID, "\(why)")
            #expect(BuyBox.rank(candidates).map(\.offerID) == [better.offerID, worse.offerID], "\(why)")
        }
    }

    @Test("every adjustment is a reason, and the score applies their sum once")
    func reasons() {
        let offer = Offer.fixture("a", price: 2_199, shipping: 300, handlingDays: 4, rating: 370, ratings: 40)
        let entry = BuyBox.rank([offer])[0]
        #expect(
            entry
                == BuyBoxEntry(
                    offerID: "a", landedPrice: eur(2_499), score: 2_624, eligible: true,
                    reasons: ["landed price 24.99 EUR", "+2 % handling 4 days", "+3 % rating 3.70"]))
    }

    @Test(
        "the penalties follow the documented scales and caps",
        arguments: [
            (Offer.fixture("a", price: 10_000), 10_000, [String]()),
            (Offer.fixture("a", price: 10_000, handlingDays: 3), 10_100, ["+1 % handling 3 days"]),
            (Offer.fixture("a", price: 10_000, handlingDays: 30), 11_000, ["+10 % handling 30 days"]),
            (Offer.fixture("a", price: 10_000, handlingDays: -1), 10_000, []),
            (Offer.fixture("a", price: 10_000, rating: nil, ratings: 0), 10_500, ["+5 % unrated"]),
            (Offer.fixture("a", price: 10_000, rating: 100, ratings: 1), 10_500, ["+5 % only 1 rating"]),
            (Offer.fixture("a", price: 10_000, rating: 399, ratings: 5), 10_010, ["+0.1 % rating 3.99"]),
            (Offer.fixture("a", price: 10_000, rating: 400, ratings: 5), 10_000, []),
            (Offer.fixture("a", price: 10_000, rating: 105, ratings: 9), 12_000, ["+20 % rating 1.05"]),
            (
                Offer.fixture("a", price: 10_000, handlingDays: 5, rating: 250, ratings: 50), 11_800,
                ["+3 % handling 5 days", "+15 % rating 2.50"]
            ),
        ] as [(Offer, Int64, [String])]
    )
    func penalties(offer: Offer, score: Int64, penalties: [String]) {
        let entry = BuyBox.rank([offer])[0]
        #expect(entry.score == score)
        #expect(entry.reasons == ["landed price 100.00 EUR"] + penalties)
    }

    @Test("equal scores go to fewer handling days, then the higher rating, then the smaller offer ID")
    func ties() {
        let offers = [
            Offer.fixture("d", price: 2_000, rating: 470),
            Offer.fixture("c", price: 2_000, rating: 470),
            Offer.fixture("b", price: 2_000, rating: 480),
            Offer.fixture("a", price: 2_000, rating: 470),
            Offer.fixture("e", price: 2_000, handlingDays: 1, rating: 400),
        ]
        #expect(BuyBox.rank(offers).map(\.offerID) == ["e", "b", "a", "c", "d"])
    }

    @Test("ineligible offers are listed after the eligible ones, with every reason")
    func ineligibleListed() {
        let offers = [
            Offer.fixture("used", price: 900, condition: .used, available: 0),
            Offer.fixture("holiday", price: 800, active: false),
            Offer.fixture("new", price: 2_500),
            Offer.fixture("new2", price: 2_400, handlingDays: 3),
        ]
        let ranked = BuyBox.rank(offers)
        #expect(ranked.map(\.offerID) == ["new2", "new", "holiday", "used"])
        #expect(ranked.map(\.eligible) == [true, true, false, false])
        #expect(
            ranked[3].reasons == ["landed price 9.00 EUR", "not eligible: used", "not eligible: out of stock"])
        #expect(ranked[2].reasons.last == "not eligible: seller inactive")
    }

    @Test("with no eligible offer there is no winner, but every offer is listed")
    func noWinner() {
        let offers = [Offer.fixture("a", price: 900, condition: .used), Offer.fixture("b", price: 800, active: false)]
        #expect(BuyBox.winner(offers) == nil)
        #expect(BuyBox.rank(offers).map(\.offerID) == ["b", "a"])
        #expect(BuyBox.rank([]) == [])
        #expect(BuyBox.winner([]) == nil)
    }

    @Test("offers in a minority currency are ineligible; the shopper's currency can be named")
    func currencies() {
        let offers = [
            Offer.fixture("dollar", price: 100, currency: .usd),
            Offer.fixture("euro", price: 2_000),
            Offer.fixture("euro2", price: 2_100),
        ]
        let ranked = BuyBox.rank(offers)
        #expect(BuyBox.rankingCurrency(offers) == .eur)
        #expect(ranked.map(\.offerID) == ["euro", "euro2", "dollar"])
        #expect(ranked[2].reasons.last == "not eligible: priced in USD, not EUR")

        #expect(BuyBox.winner(offers, in: .usd)?.offerID == "dollar")
        #expect(BuyBox.rank(offers, in: .gbp).allSatisfy { !$0.eligible })

        // One offer each: the smaller currency code, whatever the order.
        let split = [Offer.fixture("dollar", price: 100, currency: .usd), Offer.fixture("euro", price: 2_000)]
        #expect(BuyBox.winner(split)?.offerID == "euro")
        #expect(BuyBox.winner(split.reversed())?.offerID == "euro")

        // Only eligible offers choose the currency.
        let usedEuros = [
            Offer.fixture("dollar", price: 100, currency: .usd), Offer.fixture("e1", price: 10, condition: .used),
            Offer.fixture("e2", price: 10, condition: .used),
        ]
        #expect(BuyBox.winner(usedEuros)?.offerID == "dollar")
    }

    @Test("shipping in another currency than the price, a negative price or a price beyond 64 bits cannot win")
    func brokenPrices() {
        let mixed = BuyBoxCandidate(
            offerID: "mixed", sellerID: "sel_1", price: eur(1_000), shipping: usd(100), condition: .new,
            handlingDays: 1, ratingAverage: 480, ratingCount: 50, available: 3, sellerActive: true)
        let entry = BuyBox.rank([mixed])[0]
        #expect(!entry.eligible && entry.landedPrice == eur(1_000))
        #expect(entry.reasons.last == "not eligible: shipping in USD, price in EUR")

        #expect(BuyBox.rank([Offer.fixture("a", price: -1)])[0].reasons.last == "not eligible: negative price")
        let huge = BuyBox.rank([Offer.fixture("a", price: .max, shipping: 1)])[0]
        #expect(!huge.eligible && huge.reasons.last == "not eligible: price out of range")
        let huge2 = BuyBox.rank([Offer.fixture("a", price: .max - 10, rating: nil)])[0]
        #expect(!huge2.eligible && huge2.score == .max)
    }
}
