import Sellers
import Testing

@Suite struct ListingScreenTests {
    static let policy = ListingPolicy(
        prohibitedKeywords: ["replica", "fake id", "e-cigarette", "ass"],
        prohibitedCategories: ["cat_weapons"],
        restrictedKeywords: ["knife", "cbd oil"],
        moderatedCategories: ["cat_pharmacy"]
    )

    static func listing(
        _ title: String, description: String = "", path: [String] = ["cat_home", "cat_kitchen"]
    )
        -> ListingContent
    {
        ListingContent(title: title, description: description, categoryPath: path)
    }

    @Test(
        "a prohibited keyword is found however it is written",
        arguments: [
            "Rolex replica watch", "REPLICA!!", "Réplica Rolex", "r-e-p-l-i-c-a watch", "r.e.p.l.i.c.a",
            "r e p l i c a watch", "r - e - p - l - i - c - a", "r3pl1ca watch", "Replica", "(replica)",
            "ＲＥＰＬＩＣＡ", "best_replica",
        ]
    )
    func evasions(_ title: String) {
        #expect(
            ListingScreen.screen(Self.listing(title), against: Self.policy)
                == .prohibited([.prohibitedKeyword("replica", field: .title)]))
    }

    @Test(
        "innocent words that merely contain a keyword are allowed",
        arguments: [
            "First class tea set", "Brass candle holder", "Replicator toy", "Bass guitar strings",
            "Identity card holder",
            "Cigarette case, silver", "Fake fur blanket", "ID card holder", "Cassette player", "A B C wooden blocks",
        ]
    )
    func innocent(_ title: String) {
        #expect(ListingScreen.screen(Self.listing(title), against: Self.policy) == .allowed)
    }

    @Test(
        "phrases match as consecutive whole words, spelled any way",
        arguments: [
            "Fake ID, any state", "fake-id", "FAKE   id", "E-Cigarette starter kit", "ecigarette kit", "e cigarette",
        ]
    )
    func phrases(_ title: String) {
        let outcome = ListingScreen.screen(Self.listing(title), against: Self.policy)
        guard case .prohibited(let reasons) = outcome else {
            Issue.record("\(title) was \(outcome)")
            return
        }
        #expect(reasons.count == 1)
        #expect(reasons.allSatisfy { $0.code == "prohibited_keyword" })
    }

    @Test("a phrase split over other words does not match")
    func phraseNeedsConsecutiveWords() {
        #expect(ListingScreen.screen(Self.listing("Fake leather ID holder"), against: Self.policy) == .allowed)
    }

    @Test("a category rule covers the category and everything below it, not its parents")
    func categories() {
        let rifle = Self.listing("Hunting scope", path: ["cat_outdoor", "cat_weapons", "cat_rifles"])
        #expect(
            ListingScreen.screen(rifle, against: Self.policy) == .prohibited([.prohibitedCategory("cat_weapons")]))

        let pharmacy = Self.listing("Vitamin D", path: ["cat_health", "cat_pharmacy", "cat_vitamins"])
        #expect(
            ListingScreen.screen(pharmacy, against: Self.policy) == .needsReview([.moderatedCategory("cat_pharmacy")]))

        let outdoor = Self.listing("Tent", path: ["cat_outdoor"])
        #expect(ListingScreen.screen(outdoor, against: Self.policy) == .allowed)

        // A slug that only shares a prefix is another category.
        let weaponsRacks = Self.listing("Wall rack", path: ["cat_home", "cat_weapons_racks"])
        #expect(ListingScreen.screen(weaponsRacks, against: Self.policy) == .allowed)
    }

    @Test("restricted keywords send to review and say where they were found")
    func review() {
        let outcome = ListingScreen.screen(
            Self.listing("Chef's KNIFE", description: "Pairs well with our CBD-oil? No: with our cutting board."),
            against: Self.policy)
        #expect(
            outcome
                == .needsReview([
                    .restrictedKeyword("knife", field: .title), .restrictedKeyword("cbd oil", field: .description),
                ]))
        #expect(outcome.reasons.map(\.code) == ["restricted_keyword", "restricted_keyword"])
        #expect(outcome.reasons.first?.message == "the title contains the restricted keyword \"knife\"")
    }

    @Test("prohibition wins over review and lists only the prohibiting reasons, in policy order")
    func prohibitionWins() {
        let listing = Self.listing(
            "Knife and replica", description: "A replica, sold as an e-cigarette",
            path: ["cat_health", "cat_pharmacy"])
        #expect(
            ListingScreen.screen(listing, against: Self.policy)
                == .prohibited([
                    .prohibitedKeyword("replica", field: .title), .prohibitedKeyword("replica", field: .description),
                    .prohibitedKeyword("e-cigarette", field: .description),
                ]))
    }

    @Test("an empty policy or an empty keyword allows everything")
    func emptyPolicy() {
        let listing = Self.listing("Replica knife", path: ["cat_weapons"])
        #expect(ListingScreen.screen(listing, against: ListingPolicy()) == .allowed)
        #expect(
            ListingScreen.screen(listing, against: ListingPolicy(prohibitedKeywords: ["", " -- "])) == .allowed)
    }
}
